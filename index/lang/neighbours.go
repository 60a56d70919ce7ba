package lang

import (
	"bufio"
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
	r := bufio.NewReader(bytes.NewReader(data))
	head, err := r.ReadString('\n')
	if err != nil || strings.TrimSpace(head) != "summitbot-neighbours 1" {
		return nil, fmt.Errorf("neighbours.bin: not a neighbour table")
	}
	line, err := r.ReadString('\n')
	if err != nil {
		return nil, fmt.Errorf("neighbours.bin: %w", err)
	}
	n, err := strconv.Atoi(strings.TrimSpace(line))
	if err != nil {
		return nil, fmt.Errorf("neighbours.bin: count: %w", err)
	}
	nb := &neighbours{at: make(map[string]int, n), terms: make([]string, n), lists: make([][]Neighbour, n)}
	for i := range n {
		t, err := r.ReadString('\n')
		if err != nil {
			return nil, fmt.Errorf("neighbours.bin: stem %d: %w", i, err)
		}
		nb.terms[i] = strings.TrimSuffix(t, "\n")
		nb.at[nb.terms[i]] = i
	}
	var entry struct {
		I   uint16
		Cos uint8
	}
	for i := range n {
		c, err := r.ReadByte()
		if err != nil {
			return nil, fmt.Errorf("neighbours.bin: list %d: %w", i, err)
		}
		list := make([]Neighbour, c)
		for j := range list {
			if err := binary.Read(r, binary.BigEndian, &entry); err != nil {
				return nil, fmt.Errorf("neighbours.bin: list %d: %w", i, err)
			}
			if int(entry.I) >= n {
				return nil, fmt.Errorf("neighbours.bin: list %d: index %d out of range", i, entry.I)
			}
			list[j] = Neighbour{Term: nb.terms[entry.I], Sim: float64(entry.Cos) / 255}
		}
		nb.lists[i] = list
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
