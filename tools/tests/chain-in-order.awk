# chain-in-order.awk -v want="STEP...": the chain's lines name these
# steps in this order (other steps may come between), and no line's time
# stamp or +delta is below the line before.  Prints what is wrong and
# exits 1, or prints nothing and exits 0.  net.sh's chain_in_order.
BEGIN { n = split(want, w, " "); k = 1 }
{
	match($0, /\[ *[0-9]+\.[0-9]+\]/)
	t = substr($0, RSTART + 1, RLENGTH - 2) + 0
	match($0, /\+[0-9]+us/)
	d = substr($0, RSTART + 1, RLENGTH - 3) + 0
	if (NR > 1 && (t < pt || d < pd)) { print "time goes back: " $0; bad = 1 }
	pt = t; pd = d
	split(substr($0, index($0, "chain: ") + 7), f, " ")
	if (k <= n && f[2] == w[k]) k++
}
END {
	if (k <= n) print "no " w[k] " after " (k > 1 ? w[k - 1] : "the start")
	exit bad || k <= n
}
