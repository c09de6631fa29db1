# lock_hold.py NAME SECONDS: holds ipcfg's lock NAME ("addr", "if.c0") in
# this network namespace as an ipcfg run does (src/linux/shared/lock.c): flock on
# $IPCFG_RUN_DIR (default /run/ipcfg)/net<netns inode>.NAME, and the
# wake-up socket \0ipcfg/NAME; prints "held", then sleeps SECONDS.
#
# SPDX-License-Identifier: MIT
import fcntl
import os
import socket
import sys
import time

name, seconds = sys.argv[1], float(sys.argv[2])
run = os.environ.get("IPCFG_RUN_DIR") or "/run/ipcfg"
os.makedirs(run, mode=0o700, exist_ok=True)
ino = os.stat("/proc/self/ns/net").st_ino
fd = os.open(f"{run}/net{ino}.{name}", os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
fcntl.flock(fd, fcntl.LOCK_EX)
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.bind(("\0ipcfg/" + name).encode())
s.listen(8)
print("held", flush=True)
time.sleep(seconds)
