# udp-listen.py READY_FILE: receive one UDP datagram on 127.0.0.1 and
# print it (net.sh's net_udp_probe, the host side).  The socket takes any
# free port; the port is written to READY_FILE (atomically, through a
# rename) once the socket is bound, so the caller can wait for it.  Gives
# up after 60 s.
import os
import socket
import sys

ready = sys.argv[1]
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0))
with open(ready + ".tmp", "w") as f:
    f.write("%d\n" % s.getsockname()[1])
os.rename(ready + ".tmp", ready)
s.settimeout(60)
data, _ = s.recvfrom(2048)
sys.stdout.write(data.decode())
