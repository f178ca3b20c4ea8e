// httpserver: a small net/http server, the Go oracle of issue 14.  It is
// built by tools/build-go.sh with Debian's golang-go (CGO_ENABLED=0: a
// static binary that makes its own system calls) and run unmodified in
// the kernel through tools/run-prog; make test asks it pages with curl
// and a short wrk run.  Go's runtime needs threads (clone), futexes,
// sigaltstack, per-thread signals (tgkill for preemption), epoll,
// nanosleep, mmap and madvise: it exercises them all at once.
//
//	httpserver [-addr :80]
//
// GET / answers a fixed line; GET /info how many goroutines served it
// (the handler runs on whichever thread the scheduler picks); GET /sum
// makes 8 goroutines add up a range and answers the total, so that a
// request spans several threads.
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"runtime"
	"sync"
)

func main() {
	addr := flag.String("addr", ":80", "address to listen on")
	flag.Parse()

	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "hello from Go's net/http")
	})
	http.HandleFunc("/sum", func(w http.ResponseWriter, r *http.Request) {
		var wg sync.WaitGroup
		var mu sync.Mutex
		total := 0
		for g := 0; g < 8; g++ {
			wg.Add(1)
			go func(g int) {
				defer wg.Done()
				s := 0
				for i := g * 1000; i < (g+1)*1000; i++ {
					s += i
				}
				mu.Lock()
				total += s
				mu.Unlock()
			}(g)
		}
		wg.Wait()
		fmt.Fprintf(w, "sum 0..7999 = %d\n", total)
	})
	http.HandleFunc("/info", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "go %s, GOMAXPROCS %d, goroutines %d\n",
			runtime.Version(), runtime.GOMAXPROCS(0), runtime.NumGoroutine())
	})

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("httpserver: listening on %s\n", *addr)
	os.Stdout.Sync()
	log.Fatal(http.Serve(ln, nil))
}
