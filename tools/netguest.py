"""netguest.py - what tools/net-inject and tools/net-churn share: booting
the guest on the tap network with its servers, reading its counters
over the network, and the host client that checks every byte.

The guest is make run's machine (build/initrd) booted with rc=off; the
console's shell starts, by run-kernel --send-after:
    httpd -q          port 80, quiet: the traffic under test
    httpd -p 8081     port 8081, logging: the control channel
    echod             port 7
A snapshot of the guest's counters is asked for with GET /snapN on the
control port: httpd logs the 404, which run-kernel sees on the console
and answers by typing
    cat /proc/meminfo /proc/slabinfo /proc/net/dev /proc/net/snmp /proc/net/tcp > /www/snap.txt
    echo snapshot-end-N >> /www/snap.txt
into the shell (the two lines wait in the tty while cat runs), and the
host fetches /snap.txt once it ends with that snapshot's marker (one
file, rewritten each time, so that earlier snapshots hold no pages).  So the counters
come from the guest's own /proc, read by its own cat, with no test code
in the kernel.

Runs as root on the host (run-kernel --tap makes the namespace); the
"inside" half runs in the namespace as run-kernel's --host command.
"""
import os
import random
import re
import socket
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
GUEST = "10.77.0.2"
CONTROL_PORT = 8081
# meminfo first: when it is read, the snapshot's file has just been
# truncated by the shell, so the free pages do not depend on its size.
SNAP_FILES = "/proc/meminfo /proc/slabinfo /proc/net/dev /proc/net/snmp /proc/net/tcp"
MARK = "snapshot-end"


def boot_args(nsnaps, timeout, inside_cmd):
    """run-kernel's arguments for a guest whose host side is inside_cmd
    (a shell command line), with nsnaps snapshots (snap0 .. snapN-1)."""
    a = [os.path.join(HERE, "run-kernel"), "--tap", "--timeout", str(timeout),
         "--initrd", os.path.join(ROOT, "build", "initrd"),
         "--cmdline", "rc=off",
         "--send-after", "^# $", "httpd -q &\\r",
         "--send-after", "httpd: listening on port 80,", "httpd -p %d &\\r" % CONTROL_PORT,
         "--send-after", "httpd: listening on port %d," % CONTROL_PORT, "echod &\\r"]
    for i in range(nsnaps):
        a += ["--send-after", "GET /snap%d " % i,
              "cat %s > /www/snap.txt\\recho %s-%d >> /www/snap.txt\\r"
              % (SNAP_FILES, MARK, i)]
    a += ["--ready", "echod: listening on port 7", "--host", inside_cmd]
    return a


def http_get(path, port=80, timeout=30, host=GUEST):
    """One HTTP/1.0 GET on a connection of its own: (status, body)."""
    s = socket.create_connection((host, port), timeout=timeout)
    try:
        s.sendall(b"GET %s HTTP/1.0\r\nHost: %s\r\n\r\n" % (path.encode(), host.encode()))
        data = b""
        while True:
            b = s.recv(65536)
            if not b:
                break
            data += b
    finally:
        s.close()
    head, _, body = data.partition(b"\r\n\r\n")
    m = re.match(rb"HTTP/1\.[01] (\d+)", head)
    status = int(m.group(1)) if m else 0
    cl = re.search(rb"(?i)\r\ncontent-length: *(\d+)", head)
    if cl and int(cl.group(1)) != len(body):
        raise IOError("body of %d bytes, Content-Length says %s" % (len(body), cl.group(1)))
    return status, body


def wait_servers(deadline=120):
    """Until the three servers accept connections."""
    end = time.time() + deadline
    for port in (80, CONTROL_PORT, 7):
        while True:
            try:
                socket.create_connection((GUEST, port), timeout=5).close()
                break
            except OSError:
                if time.time() > end:
                    raise
                time.sleep(0.5)


class Snapshot:
    """The guest's counters: dev[name][field], snmp[(proto, field)],
    slab[name] = (active, total), objsize[name], mem[field] in kB, tcp_states[st] =
    rows of /proc/net/tcp in Linux's state st (6 is TIME_WAIT)."""

    DEV_FIELDS = ["rx_bytes", "rx_packets", "rx_errs", "rx_drop", "rx_fifo",
                  "rx_frame", "rx_compressed", "rx_multicast", "tx_bytes",
                  "tx_packets", "tx_errs", "tx_drop", "tx_fifo", "tx_colls",
                  "tx_carrier", "tx_compressed"]

    def __init__(self, text):
        self.text = text
        self.dev, self.snmp, self.slab, self.mem = {}, {}, {}, {}
        self.tcp_states, self.tcp_rows, self.objsize = {}, [], {}
        names = {}
        for line in text.splitlines():
            m = re.match(r"^\s*\d+: [0-9A-F]{8}:([0-9A-F]{4}) [0-9A-F]{8}:[0-9A-F]{4} ([0-9A-F]{2}) ", line)
            if m:
                port, st = int(m.group(1), 16), int(m.group(2), 16)
                self.tcp_states[st] = self.tcp_states.get(st, 0) + 1
                self.tcp_rows.append((port, st))
                continue
            m = re.match(r"^\s*(\w+):\s+(\d+(?:\s+\d+){15})\s*$", line)
            if m:
                self.dev[m.group(1)] = dict(zip(self.DEV_FIELDS, map(int, m.group(2).split())))
                continue
            m = re.match(r"^(Ip|Icmp|IcmpMsg|Tcp|Udp|UdpLite): (.*)$", line)
            if m:
                proto, rest = m.group(1), m.group(2).split()
                if rest and not re.match(r"^-?\d+$", rest[0]):
                    names[proto] = rest
                else:
                    for k, v in zip(names.get(proto, []), rest):
                        self.snmp[(proto, k)] = int(v)
                continue
            m = re.match(r"^(\w+):\s+(\d+) kB$", line)
            if m:
                self.mem[m.group(1)] = int(m.group(2))
                continue
            m = re.match(r"^([a-z][\w-]*)\s+(\d+)\s+(\d+)\s+(\d+)\s+\d+\s+\d+\s+:", line)
            if m:
                self.slab[m.group(1)] = (int(m.group(2)), int(m.group(3)))
                self.objsize[m.group(1)] = int(m.group(4))

    def rows(self, st, port=None):
        """Rows of /proc/net/tcp in state st, on our port if given."""
        return sum(1 for p, t in self.tcp_rows if t == st and port in (None, p))

    def s(self, proto, field):
        return self.snmp.get((proto, field), 0)


def snapshot(i, timeout=120):
    """Ask for snapshot i and fetch it, whole."""
    st, _ = http_get("/snap%d" % i, port=CONTROL_PORT)
    if st != 404:
        raise IOError("GET /snap%d answered %d, not 404" % (i, st))
    end = time.time() + timeout
    while time.time() < end:
        time.sleep(0.5)
        try:
            st, body = http_get("/snap.txt", port=CONTROL_PORT)
        except OSError:
            continue
        text = body.decode("latin-1")
        if st == 200 and text.rstrip().endswith("%s-%d" % (MARK, i)):
            snap = Snapshot(text)
            keep = os.environ.get("NETGUEST_SNAPDIR")
            if keep:
                with open(os.path.join(keep, "snap%d.txt" % i), "w") as f:
                    f.write(text)
            if "eth0" in snap.dev and ("Ip", "InReceives") in snap.snmp:
                return snap
            raise IOError("snapshot %d lacks /proc/net/dev or /proc/net/snmp: %r" % (i, text[:300]))
    raise IOError("snapshot %d never came" % i)


def tap_stats(dev="eptap0"):
    """The host end's counters (what it sent is what the guest got)."""
    d = "/sys/class/net/%s/statistics/" % dev
    out = {}
    for f in ("tx_packets", "tx_dropped", "rx_packets", "rx_dropped"):
        with open(d + f) as fh:
            out[f] = int(fh.read())
    return out


class Checker(threading.Thread):
    """A client that, until stopped, checks every byte of echo exchanges
    with echod and of GET /style.css from httpd.  Failures are kept with
    what went wrong; ports of its live connections are in .live (the
    injector aims RSTs at them)."""

    def __init__(self, kind, seed, expect_css=None, timeout=60):
        super().__init__(daemon=True)
        self.kind, self.rng = kind, random.Random(seed)
        self.css, self.timeout = expect_css, timeout
        self.stop = threading.Event()
        self.ok = self.bytes = 0
        self.failures = []
        self.live = set()

    def one(self):
        if self.kind == "echo":
            n = self.rng.randint(1, 40000)
            data = self.rng.randbytes(n)
            s = socket.create_connection((GUEST, 7), timeout=self.timeout)
            port = s.getsockname()[1]
            self.live.add(port)
            try:
                got = bytearray()
                sent = 0
                while sent < n or len(got) < n:
                    if sent < n:
                        sent += s.send(data[sent:sent + 4096])
                    while len(got) < sent:
                        b = s.recv(65536)
                        if not b:
                            raise IOError("echod closed after %d of %d bytes" % (len(got), n))
                        got += b
                if bytes(got) != data:
                    i = next(i for i in range(n) if got[i] != data[i])
                    raise IOError("echo differs at byte %d of %d" % (i, n))
            finally:
                self.live.discard(port)
                s.close()
            self.bytes += n
        else:
            st, body = http_get("/style.css", timeout=self.timeout)
            if st != 200 or body != self.css:
                raise IOError("GET /style.css: status %d, %d bytes, %s" %
                              (st, len(body), "equal" if body == self.css else "not the file"))
            self.bytes += len(body)
        self.ok += 1

    def run(self):
        while not self.stop.is_set():
            try:
                self.one()
            except Exception as e:  # every failure is a finding
                self.failures.append("%s: %s" % (self.kind, e))
                time.sleep(1)


def say(verdict, name, why=""):
    print("%s %s%s" % (verdict, name, (": " + why) if why else ""), flush=True)


def outer_main(tool, nsnaps, timeout, inside_args):
    """Boot the guest and run `tool --inside ARGS` in the namespace;
    prints its lines and exits with its status."""
    inside = " ".join([sys.executable, os.path.join(HERE, tool), "--inside"] +
                      ["'%s'" % a for a in inside_args])
    env = dict(os.environ)
    env.setdefault("TAP_NS", "epollos-%s-%d" % (tool.replace("net-", ""), os.getpid()))
    log = env.get("NETGUEST_CONSOLE", "")
    args = boot_args(nsnaps, timeout, inside)
    if log:
        args += ["--log", log]
    r = subprocess.run(args, env=env, stdout=None if not log else subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    if log:
        sys.stdout.write(r.stdout)
    return r.returncode
