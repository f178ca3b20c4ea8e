# chain-of.awk -v re=REGEX: from chain-trace lines (each starting at its
# time stamp), print the one chain (begun by an e1000 interrupt, its
# "+0us e1000_intr" line) that has a line matching REGEX.  net.sh's
# chain_of.
/ chain: \+0us e1000_intr / { if (hit) exit; n = 0 }
{ c[n++] = $0 }
$0 ~ re { hit = 1 }
END { if (hit) for (i = 0; i < n; i++) print c[i] }
