/* ipcfg — whole text documents of every outcome: the usage text, the
 * out-of-memory and lost-output notices, and the lines /release, /renew,
 * /registerdns, /add, /delete, /flushdns, /showclassid and /setclassid
 * print (ipcfg_text_render).  The records' layout is
 * format_text.c's.
 * SPDX-License-Identifier: MIT */
#include "format.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const char usage_text[] =
    "\n"
    "USAGE:\n"
    "    ipcfg [/all | /release [adapter] | /renew [adapter] | /addrtable |\n"
    "           /add adapter address mask | /delete address|context |\n"
    "           /release6 [adapter] | /renew6 [adapter] | /flushdns |\n"
    "           /displaydns | /registerdns | /showclassid adapter |\n"
    "           /setclassid adapter [classid] | /version | /?]\n"
    "          [/json] [/timeout:SECONDS] [/hostname:NAME]\n"
    "\n"
    "where\n"
    "    adapter         Adapter name (wildcard characters * and ? allowed, see examples)\n"
    "    address         IPv4 address in dotted form (192.168.1.10)\n"
    "    mask            Subnet mask (255.255.255.0) or prefix length (/24 or 24)\n"
    "    context         NTE context printed by /add (Windows)\n"
    "    classid         DHCP user class: text without control characters, at most 255 bytes\n"
    "\n"
    "    Options:\n"
    "       /?           Display this help message\n"
    "       /all         Display full configuration information.\n"
    "       /release     Release the IPv4 address for the specified adapter.\n"
    "       /renew       Renew the IPv4 address for the specified adapter.\n"
    "       /addrtable   Display the IPv4 address table.\n"
    "       /add         Add an IPv4 address to an adapter.\n"
    "       /delete      Remove an IPv4 address (by address or NTE context).\n"
    "       /release6    Release the DHCPv6 lease for the specified adapter (Linux).\n"
    "       /renew6      Renew (or obtain) the DHCPv6 lease for the specified adapter (Linux).\n"
    "       /flushdns    Purges the DNS Resolver cache.\n"
    "       /displaydns  Not supported: no resolver cache here can be listed.\n"
    "       /registerdns Refreshes all DHCP leases and re-registers DNS names.\n"
    "       /showclassid Displays the DHCP class ID of the adapter.\n"
    "       /setclassid  Modifies the DHCP class ID.\n"
    "       /version     Display the version.\n"
    "       /json        Print one JSON document on stdout instead of text.\n"
    "       /timeout:N   Wait at most N seconds (1-3600) for the DHCP server.\n"
    "       /hostname:N  Send host name N with /renew and /registerdns (/hostname: none).\n"
    "\n"
    "Switches may start with /, - or --; they are case-insensitive.\n"
    "With no adapter name, /release and /renew act on every adapter with DHCP enabled.\n"
    "For /setclassid, if no class ID is given, the class ID is removed.\n"
    "\n"
    "Exit codes: 0 success, 1 command-line error, 2 no adapter matched or none in a\n"
    "permissible state, 3 operation failed, 4 access denied, 5 DHCP server not\n"
    "contacted, 6 not supported (or no DNS cache to flush), 7 address conflict.\n"
    "\n"
    "Examples:\n"
    "    > ipcfg                       ... Show information\n"
    "    > ipcfg /all                  ... Show detailed information\n"
    "    > ipcfg /renew                ... renew all adapters\n"
    "    > ipcfg /renew EL*            ... renew any connection that has its\n"
    "                                      name starting with EL\n"
    "    > ipcfg /release *Con*        ... release all matching connections,\n"
    "                                      eg. \"Wired Ethernet Connection 1\" or\n"
    "                                          \"Wired Ethernet Connection 2\"\n"
    "    > ipcfg /add \"Ethernet 2\" 10.0.0.5 255.255.255.0\n"
    "    > ipcfg /delete 10.0.0.5\n"
    "    > ipcfg /flushdns\n"
    "    > ipcfg /renew eth0 /hostname:web01\n"
    "    > ipcfg /setclassid \"Ethernet 2\" lab-floor3\n"
    "    > ipcfg /all /json\n";

const char ipcfg_text_oom_notice[] = "Error: out of memory; the output is incomplete.\n";

void ipcfg_fmt_lost_output(ipcfg_strbuf *o, const ipcfg_error *e)
{
    const char *t = e->text[0] ? e->text : "unknown error";
    size_t n = strlen(t);
    ipcfg_sb_printf(o, "Error: the output could not be written: %s%s\n", t, t[n - 1] == '.' ? "" : ".");
}

void ipcfg_doc_flush(ipcfg_doc *d)
{
    if (d->flush)
        d->flush(d);
}

static void failure_line(ipcfg_strbuf *e, const char *verb, const char *name, const ipcfg_error *err)
{
    ipcfg_fmt_failure(e, verb, name, err);
    ipcfg_sb_putc(e, '\n');
}

/* /registerdns's line, as ipconfig prints it for every adapter (without
 * its "Any errors will be reported in the Event Viewer in 15 minutes.":
 * ipcfg reports them at once); name: one adapter's, when others failed. */
static void registered(ipcfg_strbuf *o, const char *name)
{
    if (name)
        ipcfg_sb_printf(o, "Registration of the DNS resource records for adapter %s has been initiated.\n", name);
    else
        ipcfg_sb_puts(o, "Registration of the DNS resource records for all adapters of this computer has been "
                         "initiated.\n");
}

static void text_dhcp(const ipcfg_outcome *oc, const ipcfg_verdict *v, ipcfg_doc *d, const char *verb)
{
    int failed = 0;
    int registerdns = oc->verb == IPCFG_V_REGISTERDNS;
    if (!oc->json)
        ipcfg_fmt_title(&d->out, oc->title);
    for (size_t k = 0; k < oc->n_results; k++) {
        const ipcfg_result *r = &oc->results[k];
        if (r->err.status) {
            failure_line(&d->err, verb, r->ad->name, &r->err);
            /* a skipped adapter that another DHCP client runs is a note:
             * with nothing else acted on, the contract's line still says
             * so (a media line, as in ipconfig, stands alone) */
            failed |= r->err.reason != IPCFG_R_OTHER_CLIENT || r->counts;
        } else {
            /* a success with a note from the backend (a lease file it
             * ignored): one line on stderr, the run still succeeds */
            if (r->err.text[0] != '\0') {
                ipcfg_sb_puts(&d->err, r->err.text);
                ipcfg_sb_putc(&d->err, '\n');
            }
            int show = !oc->json && !r->gone;
            if (show && !registerdns)
                ipcfg_fmt_adapter(&d->out, r->state ? r->state : r->ad, 0);
            else if (show && v->code)
                registered(&d->out, r->ad->name); /* others failed: each that did not */
        }
        ipcfg_doc_flush(d);
    }
    if (v->none_permissible && !failed)
        failure_line(&d->err, verb, NULL, &v->error);
    else if (registerdns && !oc->json && !v->code)
        registered(&d->out, NULL);
}

/* /showclassid as ipconfig lays it out (its MSG_CLASSES_LIST_HEADER and
 * MSG_CLASSID, without a description: a class here is what this host
 * sends), /setclassid with ipconfig's MSG_CLASSID_MODIFIED; failures one
 * line each on stderr. */
static void text_classid(const ipcfg_outcome *oc, const ipcfg_verdict *v, ipcfg_doc *d, const char *verb)
{
    if (oc->op_err.status) {
        failure_line(&d->err, verb, NULL, &v->error);
        return;
    }
    if (!oc->json)
        ipcfg_fmt_title(&d->out, oc->title);
    for (size_t k = 0; k < oc->n_results; k++) {
        const ipcfg_result *r = &oc->results[k];
        if (r->err.status) {
            failure_line(&d->err, verb, r->ad->name, &r->err);
        } else if (oc->verb == IPCFG_V_SETCLASSID && !oc->json) {
            ipcfg_sb_printf(&d->out, "DHCP ClassId successfully modified for adapter \"%s\"\n", r->ad->name);
        } else if (!oc->json) {
            ipcfg_sb_printf(&d->out, "\nDHCP Class ID for Adapter \"%s\":\n\n", r->ad->name);
            ipcfg_fmt_field(&d->out, "DHCP ClassID Name", r->classid ? r->classid : "");
        }
        ipcfg_doc_flush(d);
    }
}

static void text_add(const ipcfg_outcome *oc, const ipcfg_verdict *v, ipcfg_doc *d)
{
    if (v->code) {
        failure_line(&d->err, "add", oc->op_adapter, &oc->op_err);
        return;
    }
    if (oc->json)
        return;
    char a[IPCFG_IPSTR_MAX], m[IPCFG_IPSTR_MAX];
    ipcfg_ip mask;
    ipcfg_prefix_to_mask(oc->op_prefix, &mask);
    ipcfg_sb_printf(&d->out, "Added %s, subnet mask %s, to %s", ipcfg_ip_str(&oc->op_addr, a, sizeof(a)),
                    ipcfg_ip_str(&mask, m, sizeof(m)), oc->op_adapter ? oc->op_adapter : "");
    if (oc->op_has_context)
        ipcfg_sb_printf(&d->out, " (NTE context %lu)", (unsigned long)oc->op_context);
    ipcfg_sb_puts(&d->out, ".\n");
}

static void text_delete(const ipcfg_outcome *oc, const ipcfg_verdict *v, ipcfg_doc *d)
{
    if (v->code) {
        failure_line(&d->err, "delete", NULL, &oc->op_err);
        return;
    }
    if (oc->json)
        return;
    char a[IPCFG_IPSTR_MAX];
    if (oc->op_by_context)
        ipcfg_sb_printf(&d->out, "Deleted NTE context %lu.\n", (unsigned long)oc->op_context);
    else
        ipcfg_sb_printf(&d->out, "Deleted %s.\n", ipcfg_ip_str(&oc->op_addr, a, sizeof(a)));
}

/* As ipconfig /flushdns prints it: the title, then one line. */
static void text_flushdns(const ipcfg_outcome *oc, const ipcfg_verdict *v, ipcfg_doc *d)
{
    if (v->code) {
        failure_line(&d->err, "flushdns", NULL, &oc->op_err);
        return;
    }
    if (oc->json)
        return;
    ipcfg_fmt_title(&d->out, oc->title);
    ipcfg_sb_puts(&d->out, "Successfully flushed the DNS Resolver Cache.\n");
}

void ipcfg_text_render(const ipcfg_outcome *oc, const ipcfg_verdict *v, ipcfg_doc *d)
{
    const char *verb = ipcfg_verb_name(oc->verb);
    switch (oc->kind) {
    case IPCFG_OC_USAGE:
        if (oc->usage_msg && oc->usage_msg[0]) {
            ipcfg_sb_printf(&d->err, "%s\n", oc->usage_msg);
        } else {
            ipcfg_sb_puts(&d->err, "Error: unrecognized or incomplete command line.\n");
            ipcfg_sb_puts(&d->err, usage_text);
        }
        break;
    case IPCFG_OC_HELP:
        ipcfg_sb_puts(&d->out, usage_text);
        break;
    case IPCFG_OC_VERSION:
        if (!oc->json)
            ipcfg_sb_printf(&d->out, "ipcfg %s\n", oc->version ? oc->version : "");
        break;
    case IPCFG_OC_FAILED:
        failure_line(&d->err, verb, NULL, &oc->error);
        break;
    case IPCFG_OC_LIST:
        if (oc->json)
            break;
        ipcfg_fmt_title(&d->out, oc->title);
        if (oc->verb == IPCFG_V_ALL && oc->host)
            ipcfg_fmt_host(&d->out, oc->host);
        for (size_t i = 0; i < oc->n_adapters; i++)
            ipcfg_fmt_adapter(&d->out, oc->adapters[i], oc->verb == IPCFG_V_ALL);
        break;
    case IPCFG_OC_ADDRTABLE:
        if (oc->json)
            break;
        ipcfg_fmt_title(&d->out, oc->title);
        ipcfg_fmt_addrtable(&d->out, oc->table);
        break;
    case IPCFG_OC_DHCP: text_dhcp(oc, v, d, verb); break;
    case IPCFG_OC_ADD: text_add(oc, v, d); break;
    case IPCFG_OC_DELETE: text_delete(oc, v, d); break;
    case IPCFG_OC_FLUSHDNS: text_flushdns(oc, v, d); break;
    case IPCFG_OC_CLASSID: text_classid(oc, v, d, verb); break;
    }
    ipcfg_doc_flush(d);
}
