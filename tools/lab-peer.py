# lab-peer.py READY_FILE: the far end of the network labs' traffic (the
# e1000 lab), on the host's 127.0.0.1, which QEMU's user networking shows
# the guest as 10.0.2.2.  One port number, both protocols:
#   TCP  "send N\n" first: N bytes back, byte i being (7 i + i / 1000)
#        mod 256, then the connection is closed; anything else: an echo
#        server, whatever the connection sends comes back.
#   UDP  "echo TEXT"          -> TEXT back to the sender
#        "burst N FIRST SIZE" -> N datagrams back, numbered FIRST on, each
#                                SIZE bytes: the number, a space, then the
#                                byte (number % 251) repeated
# The port is written to READY_FILE (through a rename) once both sockets
# are bound.  It serves until it is killed, or for 10 minutes at most.
import os
import socket
import sys
import threading


def bind_both():
    for _ in range(50):
        t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        t.bind(("127.0.0.1", 0))
        port = t.getsockname()[1]
        u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            u.bind(("127.0.0.1", port))
            return t, u, port
        except OSError:
            t.close()
            u.close()
    sys.exit("lab-peer: no port free for both TCP and UDP")


def pattern(n):
    return bytes((7 * i + i // 1000) & 255 for i in range(n))


def echo_conn(c):
    with c:
        data = c.recv(65536)
        if data.startswith(b"send ") and data.endswith(b"\n"):
            c.sendall(pattern(int(data[5:])))
            return
        while data:
            c.sendall(data)
            data = c.recv(65536)


def serve_tcp(t):
    t.listen(16)
    while True:
        c, _ = t.accept()
        threading.Thread(target=echo_conn, args=(c,), daemon=True).start()


def datagram(seq, size):
    head = b"%d " % seq
    return head + bytes([seq % 251]) * max(0, size - len(head))


def serve_udp(u):
    while True:
        data, addr = u.recvfrom(65536)
        words = data.split()
        if data.startswith(b"echo "):
            u.sendto(data[5:], addr)
        elif len(words) == 4 and words[0] == b"burst":
            n, first, size = int(words[1]), int(words[2]), int(words[3])
            for seq in range(first, first + n):
                u.sendto(datagram(seq, size), addr)


t, u, port = bind_both()
threading.Thread(target=serve_tcp, args=(t,), daemon=True).start()
threading.Thread(target=serve_udp, args=(u,), daemon=True).start()
ready = sys.argv[1]
with open(ready + ".tmp", "w") as f:
    f.write("%d\n" % port)
os.rename(ready + ".tmp", ready)
threading.Event().wait(600)
