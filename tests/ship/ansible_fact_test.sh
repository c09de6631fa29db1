#!/usr/bin/env bash
# The Ansible local fact (docs/examples/ipcfg.fact, docs/fleet.md):
#   ansible_fact_test.sh IPCFG FACT
# IPCFG is the ipcfg program the fact finds in PATH, FACT the fact file
# (tests/ship's deb_ansible passes the unpacked package's; by hand:
# `bash tests/ship/ansible_fact_test.sh build/release/ipcfg docs/examples/ipcfg.fact`).
#
# In a network namespace and a mount namespace of its own (root), with
# three interfaces whose names are awkward for JSON and shells (UTF-8, a
# quote, a backslash, "$(id)"):
#  1. the fact file alone, ipcfg replaced by stand-ins: it always exits 0
#     with one JSON object, ipcfg's document passed on byte for byte, and
#     an object of its own (reason "no_document") when ipcfg is missing,
#     printed nothing or was killed;
#  2. one ansible-playbook run against localhost (connection local), the
#     fact file installed with mode 0755 into a temporary directory passed
#     as fact_path: the adapter names in ansible_local.ipcfg equal those of
#     `ipcfg /all /json` run beside it, the playbook's assert of
#     docs/fleet.md passes, and a fact that exits non-zero is turned into a
#     string by Ansible (why ipcfg.fact always exits 0).
# Nothing is written outside a temporary directory: HOME, ANSIBLE_HOME,
# the local and remote temporary directories and the configuration file
# all point into it, and the test checks that no ~/.ansible appeared in
# the real home.
set -u  # no pipefail: "cmd | grep -q" must not fail when grep stops reading early

ipcfg_bin=${1:?usage: ansible_fact_test.sh IPCFG FACT}
fact_src=${2:?usage: ansible_fact_test.sh IPCFG FACT}
fails=0
fail() { echo "FAIL [ansible_fact]: $*" >&2; fails=$((fails + 1)); }

if [ -z "${IPCFG_FLEET_NS:-}" ]; then
    [ "$(id -u)" -eq 0 ] || { echo "FAIL [ansible_fact]: needs root (network and mount namespaces)" >&2; exit 1; }
    for tool in ansible-playbook jq unshare ip; do
        command -v "$tool" >/dev/null ||
            { echo "FAIL [ansible_fact]: $tool is not installed (scripts/install-deps.sh test)" >&2; exit 1; }
    done
    ipcfg_bin=$(realpath "$ipcfg_bin") && fact_src=$(realpath "$fact_src") || exit 1
    real_home=${HOME:-/root}
    had_dot_ansible=no
    [ -e "$real_home/.ansible" ] && had_dot_ansible=yes
    # a private mount namespace (unshare's default propagation: private)
    # so that the not-installed case can hide an installed ipcfg
    IPCFG_FLEET_NS=1 unshare --net --mount -- bash "$0" "$ipcfg_bin" "$fact_src"
    rc=$?
    if [ $had_dot_ansible = no ] && [ -e "$real_home/.ansible" ]; then
        echo "FAIL [ansible_fact]: ansible wrote $real_home/.ansible" >&2
        rc=1
    fi
    exit $rc
fi

# ---- inside the namespaces -------------------------------------------------
T=$(mktemp -d "${IPCFG_TMP:-/tmp}/ansible_fact.XXXXXX")
trap 'rm -rf "$T"' EXIT

# interfaces: a veth pair (one end with an IPv4 address) and a bridge; no
# IPv6 link-local addresses (addrgenmode none), so that nothing changes
# between two listings
odd='q"\$(id)'
ip link add fleet0 type veth peer name 'fleet-ä' &&
    ip link add "$odd" type bridge &&
    for l in fleet0 'fleet-ä' "$odd"; do ip link set "$l" addrgenmode none && ip link set "$l" up || exit 1; done &&
    ip addr add 192.0.2.10/24 dev fleet0 ||
    { echo "FAIL [ansible_fact]: cannot set up the namespace's interfaces" >&2; exit 1; }

mkdir -p "$T/bin" "$T/stub" "$T/facts" "$T/home" && ln -s "$ipcfg_bin" "$T/bin/ipcfg" || exit 1
"$T/bin/ipcfg" /all /json >"$T/direct.json" || fail "ipcfg /all /json exit $?"
jq -e '[.adapters[].name] | sort == (["fleet-ä", "fleet0", "q\"\\$(id)"] | sort)' "$T/direct.json" >/dev/null ||
    fail "ipcfg /all /json does not list the namespace's three interfaces: $(jq -c '[.adapters[].name]' "$T/direct.json")"

# ---- 1. the fact file alone --------------------------------------------------
# run_fact NAME PATHDIR: runs the fact with PATH=PATHDIR; its stdout in
# $T/NAME.out; fails unless it exited 0 with one JSON object.
run_fact() {
    PATH=$2 /bin/sh "$fact_src" >"$T/$1.out" 2>"$T/$1.err"
    local rc=$?
    [ $rc -eq 0 ] || fail "$1: the fact exited $rc (Ansible would drop its output)"
    jq -s -e 'length == 1 and (.[0] | type) == "object"' "$T/$1.out" >/dev/null 2>&1 ||
        fail "$1: the fact printed no JSON object: $(head -c 300 "$T/$1.out")"
}
# expect_no_document NAME STATUS: the fact's own object, with ipcfg's keys
expect_no_document() {
    jq -e --argjson s "$2" '.exit_code == $s and .error.reason == "no_document" and .command == "all"
        and (.error.message | startswith("ipcfg.fact: ")) and has("ipcfg_version") and has("platform")' \
        "$T/$1.out" >/dev/null || fail "$1: expected the no_document object with exit_code $2, got: $(cat "$T/$1.out")"
}
stub() { printf '#!/bin/sh\n%s\n' "$1" >"$T/stub/ipcfg" && chmod 755 "$T/stub/ipcfg"; }

# the real ipcfg: its document byte for byte
run_fact real "$T/bin"
cmp -s "$T/direct.json" "$T/real.out" || fail "real: the fact's output is not ipcfg's document byte for byte"

# ipcfg's failure document (exit 3), with shell syntax in it: passed on
# verbatim, nothing evaluated
doc='{"ipcfg_version": "0.1.0", "platform": "linux", "command": "all", "exit_code": 3, "error": {"reason": "system_error", "message": "Error: $(touch '"$T"'/owned) `touch '"$T"'/owned` \" \\ %s %n", "system_code": 105, "system_message": null}}'
printf '%s\n' "$doc" >"$T/stub/doc.json"
stub "cat '$T/stub/doc.json'; exit 3"
run_fact failure_document "$T/stub"
cmp -s "$T/stub/doc.json" "$T/failure_document.out" || fail "failure_document: not passed on byte for byte"
[ -e "$T/owned" ] && fail "failure_document: the shell evaluated ipcfg's output"

# exit 3 with nothing on stdout (out of memory before the document)
stub 'echo "Error: out of memory" >&2; exit 3'
run_fact empty "$T/stub"
expect_no_document empty 3

# exit 0 and no document: never reported as a success
stub 'echo "Linux IP Configuration"; exit 0'
run_fact not_json "$T/stub"
expect_no_document not_json 3

# killed by a signal after half a document
stub 'printf "{\"adapters\": [{\"name\": \"eth0\"}"; kill -9 $$'
run_fact killed "$T/stub"
expect_no_document killed 137

# not installed: an empty PATH, and any installed ipcfg in the directories
# the fact adds hidden (this mount namespace only)
for d in /usr/local/bin /usr/bin /bin; do
    [ -e "$d/ipcfg" ] && { mount --bind /dev/null "$d/ipcfg" || fail "cannot hide $d/ipcfg"; }
done
mkdir -p "$T/empty"
run_fact not_installed "$T/empty"
expect_no_document not_installed 127

# ---- 2. Ansible: one playbook run --------------------------------------------
install -m 0755 "$fact_src" "$T/facts/ipcfg.fact" || fail "install -m 0755 of the fact failed"
# a fact that prints JSON and exits non-zero: what Ansible makes of it
printf '#!/bin/sh\necho "{\\"exit_code\\": 3}"\nexit 3\n' >"$T/facts/exits3.fact" && chmod 755 "$T/facts/exits3.fact"
cat >"$T/play.yml" <<'EOF'
- hosts: localhost
  connection: local
  gather_facts: false
  tasks:
    - name: local facts only, from the test's fact_path
      ansible.builtin.setup:
        fact_path: "{{ fact_dir }}"
        gather_subset: ['!all', '!min', 'local']
    # docs/fleet.md's check
    - name: ipcfg ran
      ansible.builtin.assert:
        that:
          - (ansible_local.ipcfg | default('')) is mapping
          - ansible_local.ipcfg.exit_code == 0
        fail_msg: "{{ ansible_local.ipcfg.error.message if (ansible_local.ipcfg.error | default(none)) is not none
                      else (ansible_local.ipcfg | default('no ipcfg fact') | string) }}"
    - name: what Ansible read, for the test to compare
      ansible.builtin.copy:
        content: "{{ ansible_local | to_json }}"
        dest: "{{ out }}"
        mode: '0600'
EOF
: >"$T/ansible.cfg"
(
    cd "$T" &&
        env HOME="$T/home" ANSIBLE_HOME="$T/home/.ansible" ANSIBLE_CONFIG="$T/ansible.cfg" \
            ANSIBLE_LOCAL_TEMP="$T/home/local-tmp" ANSIBLE_REMOTE_TEMP="$T/home/remote-tmp" \
            ANSIBLE_NOCOLOR=1 ANSIBLE_FORCE_COLOR=0 \
            ANSIBLE_PYTHON_INTERPRETER=/usr/bin/python3 ANSIBLE_LOCALHOST_WARNING=0 \
            ANSIBLE_RETRY_FILES_ENABLED=0 LC_ALL=C.UTF-8 PATH="$T/bin:$PATH" \
            ansible-playbook -i localhost, -e "fact_dir=$T/facts out=$T/ansible_local.json" "$T/play.yml"
) >"$T/play.out" 2>&1
rc=$?
"$T/bin/ipcfg" /all /json >"$T/beside.json" || fail "ipcfg /all /json (beside) exit $?"
if [ $rc -ne 0 ]; then
    cat "$T/play.out" >&2
    fail "ansible-playbook exit $rc"
fi
facts=$(jq -c . "$T/ansible_local.json" 2>/dev/null)
[ -n "$facts" ] || fail "the playbook wrote no ansible_local"
got=$(jq -c '.ipcfg.adapters | map(.name)' <<<"$facts" 2>/dev/null)
want=$(jq -c '.adapters | map(.name)' "$T/beside.json")
echo "ansible_local.ipcfg adapters: $got"
echo "ipcfg /all /json adapters:    $want"
[ -n "$got" ] && [ "$got" = "$want" ] || fail "adapter names differ: ansible_local.ipcfg $got, ipcfg /all /json $want"
jq -e '.ipcfg.exit_code == 0 and .ipcfg.command == "all" and (.ipcfg.host | type) == "object"' <<<"$facts" >/dev/null ||
    fail "ansible_local.ipcfg is not ipcfg's /all document: $(head -c 300 <<<"$facts")"
jq -e '.exits3 | type == "string" and startswith("Failure executing fact script")' <<<"$facts" >/dev/null ||
    fail "Ansible no longer drops the output of a fact that exits non-zero (revisit ipcfg.fact): $(jq -c .exits3 <<<"$facts")"
[ -e "$T/home/.ansible" ] || [ -e "$T/home/local-tmp" ] ||
    fail "ansible wrote nothing under the temporary HOME: is it writing elsewhere?"

if [ "$fails" -ne 0 ]; then
    exit 1
fi
echo "ok [ansible_fact]"
