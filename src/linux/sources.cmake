# Linux platform backend (rtnetlink and ipcfg's own DHCP processes).
# Included by the top CMakeLists.txt.  Each folder is one role, named for
# the process that runs it (docs/development.md, "The Linux processes"):
#   command/   the ipcfg command: the backend's operations, the listing
#   exchange/  the privileged side of a DHCP exchange (the command's, and
#              the keeper's for its own exchanges)
#   engine/    the confined engine process
#   wire/      what passes between the processes
#   keeper/    the lease keeper process (ipcfg --keeper IF)
#   shared/    helpers of the privileged processes (the command, the keeper)
#   netlink/   rtnetlink: socket, requests, parser, events, mapping
#   peers/     other DHCP clients' leases (peers.cmake)
# Parsers (netlink/nlparse.c, command/resolvconf.c) and request building
# (netlink/nlreq.c) are pure and are also compiled straight into the fuzz
# targets (tests/fuzz).
set(IPCFG_LX ${CMAKE_CURRENT_LIST_DIR})
# The confined engine process and the wire both sides speak: a library of
# its own that links only the protocol library, so that nothing of the
# privileged side can reach it (tests/layout checks the calls).
add_library(ipcfg_engine STATIC
  ${IPCFG_LX}/engine/engine.c           # DHCP: the unprivileged engine process
  ${IPCFG_LX}/engine/engine6.c          # DHCP: its DHCPv6 jobs
  ${IPCFG_LX}/engine/engine_call.c      # DHCP: its requests to the privileged part
  ${IPCFG_LX}/engine/confine.c          # DHCP: its confinement (uid, capabilities, seccomp)
  ${IPCFG_LX}/engine/packet_io.c        # DHCP: its sends and receives
  ${IPCFG_LX}/wire/engine_wire.c        # DHCP: the messages between the two (pure)
)
target_include_directories(ipcfg_engine PRIVATE ${IPCFG_LX} ${IPCFG_LX}/..)
target_link_libraries(ipcfg_engine PUBLIC ipcfg_dhcp ipcfg_dhcp6)
add_library(ipcfg_platform STATIC
  ${IPCFG_LX}/command/backend.c         # lifetime, the vtable
  ${IPCFG_LX}/command/list.c            # listing
  ${IPCFG_LX}/command/addrtable.c       # the IPv4 address table
  ${IPCFG_LX}/command/address.c         # /add, /delete
  ${IPCFG_LX}/command/host.c            # the host block
  ${IPCFG_LX}/command/sysfs.c           # sysfs probes
  ${IPCFG_LX}/command/resolvconf.c      # resolv.conf parser (pure)
  ${IPCFG_LX}/command/dnscache.c        # /flushdns, /displaydns: systemd-resolved's cache
  ${IPCFG_LX}/command/lease_view.c      # DHCP: what a listing shows of the leases
  ${IPCFG_LX}/command/dhcp_ops.c        # DHCP: /release, /renew (an exchange with the command's options)
  ${IPCFG_LX}/command/release_gone.c    # DHCP: /release of a name no interface has any more
  ${IPCFG_LX}/command/keeper_control.c  # the keeper as the command sees it: find, start, stop
  ${IPCFG_LX}/exchange/exchange.c       # DHCP: release/renew, the privileged side's loop
  ${IPCFG_LX}/exchange/job.c            # DHCP: one job (interface) of an exchange
  ${IPCFG_LX}/exchange/requests.c       # DHCP: the privileged side's answers to the engine
  ${IPCFG_LX}/exchange/requests6.c      # DHCPv6: the same for a DHCPv6 job
  ${IPCFG_LX}/exchange/reply.c          # DHCP: the answers' wire, a result's notes
  ${IPCFG_LX}/exchange/job6.c           # DHCPv6: a job's START (record, identity) and lease-change hook
  ${IPCFG_LX}/exchange/identity6.c      # DHCPv6: the host's DUID (kept), an interface's IAID
  ${IPCFG_LX}/exchange/engine_spawn.c   # DHCP: the engine's start and reaping
  ${IPCFG_LX}/exchange/sockets.c        # DHCP: the engine's packet, UDP and ARP sockets, opened
  ${IPCFG_LX}/exchange/addr_dump.c      # DHCP: one address dump for all interfaces
  ${IPCFG_LX}/exchange/carrier.c        # DHCP: waiting for a link's carrier (link notifications)
  ${IPCFG_LX}/exchange/apply.c          # DHCP: a lease in the kernel (rtnetlink)
  ${IPCFG_LX}/exchange/lease_store.c    # DHCP: lease files and the per-interface lock
  ${IPCFG_LX}/exchange/mtu.c            # DHCP: a lease's MTU on the link (option 26)
  ${IPCFG_LX}/exchange/names.c          # DHCP: the name and user class sent (options 12, 81, 77)
  ${IPCFG_LX}/wire/keeper_protocol.c   # the keeper's control protocol: lock file, status socket
  ${IPCFG_LX}/keeper/keeper.c           # the lease keeper (ipcfg --keeper IFNAME)
  ${IPCFG_LX}/keeper/keeper_link.c      # the keeper's view of its interface: link, addresses, events
  ${IPCFG_LX}/keeper/keeper_slot.c      # a kept lease's record, DHCPv4 or DHCPv6: file, DNS, address
  ${IPCFG_LX}/keeper/keeper_log.c       # the keeper's log and sd_notify
  ${IPCFG_LX}/shared/error.c            # the error table
  ${IPCFG_LX}/shared/caps.c             # CAP_NET_ADMIN check
  ${IPCFG_LX}/shared/statedir.c         # where lease files live
  ${IPCFG_LX}/shared/secondaries.c      # the secondaries guard
  ${IPCFG_LX}/shared/lease_changed.c     # the lease-change hook: a lease applied, withdrawn, expired
  ${IPCFG_LX}/shared/resolver.c         # DNS servers to systemd-resolved or resolvconf
  ${IPCFG_LX}/shared/spawn.c            # running resolvectl, resolvconf, systemctl
  ${IPCFG_LX}/shared/lock.c             # locks per network namespace (abstract socket names)
  ${IPCFG_LX}/netlink/linkmap.c         # rtnetlink -> model mapping (pure)
  ${IPCFG_LX}/netlink/nlparse.c         # rtnetlink parser (pure): links, addresses, errors, the walk
  ${IPCFG_LX}/netlink/nlroute.c         # rtnetlink parser (pure): routes, nexthop objects
  ${IPCFG_LX}/netlink/nlevent.c         # rtnetlink notifications (pure)
  ${IPCFG_LX}/netlink/nlreq.c           # request building (pure)
  ${IPCFG_LX}/netlink/nlsock.c          # the socket
)
# src/linux (its includes name their folder: "exchange/exchange.h"), and
# src for "dhcp/dhcp_client.h" (the protocol library in src/dhcp)
target_include_directories(ipcfg_platform PRIVATE ${IPCFG_LX} ${IPCFG_LX}/..)
# The model only (a backend fills it and never prints), the DHCP
# protocol library (src/dhcp/sources.cmake, included before) and the
# engine process's library.
target_link_libraries(ipcfg_platform PUBLIC ipcfg_model ipcfg_dhcp ipcfg_engine)

include(${IPCFG_LX}/peers/peers.cmake) # peers: other DHCP clients' leases

if(IPCFG_TEST_HOOKS)
  target_compile_definitions(ipcfg_platform PRIVATE IPCFG_TEST_HOOKS=1)
  target_compile_definitions(ipcfg_engine PRIVATE IPCFG_TEST_HOOKS=1)
endif()

set(IPCFG_MAIN_SOURCES ${IPCFG_LX}/main.c)
set(IPCFG_MAIN_INCLUDE_DIRS ${IPCFG_LX}) # main.c: keeper/keeper.h
