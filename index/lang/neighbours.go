package lang

import (
	"bytes"
	_ "embed"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
)

//go:embed neighbours.bin
var neighboursData []byte

// Neighbour is a stem close in meaning to another, by the cosine of their
// GloVe vectors (see neighbours.NOTICE and scripts/neighbours).
type Neighbour struct {
	Term string
	Sim  float64 // cosine, 0 to 1
}

// neighbours is the embedded table of nearest stems.
type neighbours struct {
	at    map[string]int
	terms []string
	lists [][]Neighbour
}

func parseNeighbours(data []byte) (*neighbours, error) {
	line := func() (string, error) {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			return "", fmt.Errorf("neighbours.bin: truncated")
		}
		l := string(data[:i])
		data = data[i+1:]
		return l, nil
	}
	head, err := line()
	if err != nil || head != "summitbot-neighbours 1" {
		return nil, fmt.Errorf("neighbours.bin: not a neighbour table")
	}
	count, err := line()
	if err != nil {
		return nil, err
	}
	n, err := strconv.Atoi(strings.TrimSpace(count))
	if err != nil {
		return nil, fmt.Errorf("neighbours.bin: count: %w", err)
	}
	nb := &neighbours{at: make(map[string]int, n), terms: make([]string, n), lists: make([][]Neighbour, n)}
	for i := range n {
		if nb.terms[i], err = line(); err != nil {
			return nil, fmt.Errorf("neighbours.bin: stem %d: %w", i, err)
		}
		nb.at[nb.terms[i]] = i
	}
	all := make([]Neighbour, 0, len(data)/3)
	for i := range n {
		if len(data) < 1 {
			return nil, fmt.Errorf("neighbours.bin: list %d: truncated", i)
		}
		c := int(data[0])
		data = data[1:]
		if len(data) < 3*c {
			return nil, fmt.Errorf("neighbours.bin: list %d: truncated", i)
		}
		start := len(all)
		for j := range c {
			at := int(binary.BigEndian.Uint16(data[3*j:]))
			if at >= n {
				return nil, fmt.Errorf("neighbours.bin: list %d: index %d out of range", i, at)
			}
			all = append(all, Neighbour{Term: nb.terms[at], Sim: float64(data[3*j+2]) / 255})
		}
		data = data[3*c:]
		nb.lists[i] = all[start:len(all):len(all)]
	}
	return nb, nil
}

// Neighbours returns the stems nearest in meaning to an analysed term,
// best first, or none when the table lacks it.
func (l *Analyzer) Neighbours(term string) []Neighbour {
	i, ok := l.neighbours.at[term]
	if !ok {
		return nil
	}
	return l.neighbours.lists[i]
}
