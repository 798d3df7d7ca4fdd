package web

import "hash/maphash"

// askCounts estimates how often each page was asked for lately, for the
// page cache to decide whether a new page may take an old one's place
// (TinyLFU: Einziger, Friedman and Manes, ACM Transactions on Storage,
// 2017). It is a count-min sketch: a key bumps one byte-sized counter in
// each of four rows, and its count is the least of them, which collisions
// can only raise. Every window asks the counts are halved, so that what
// was asked for long ago fades.
type askCounts struct {
	seed   maphash.Seed
	rows   [4][askWidth / 8]uint64 // eight counters a word
	asks   int
	window int
}

const askWidth = 1 << 16 // counters a row: 4 × 64 KB

func newAskCounts(window int) *askCounts {
	return &askCounts{seed: maphash.MakeSeed(), window: window}
}

// add counts an ask for key.
func (a *askCounts) add(key string) {
	h := maphash.String(a.seed, key)
	for i := range a.rows {
		word, shift := counter(h, i)
		if w := &a.rows[i][word]; *w>>shift&0xff < 0xff {
			*w += 1 << shift
		}
	}
	if a.asks++; a.asks >= a.window {
		a.asks = 0
		for i := range a.rows {
			for j := range a.rows[i] {
				a.rows[i][j] = a.rows[i][j] >> 1 & 0x7f7f7f7f7f7f7f7f
			}
		}
	}
}

// count is key's estimated asks since the counts were last halved, and
// half of those before.
func (a *askCounts) count(key string) uint64 {
	h := maphash.String(a.seed, key)
	n := uint64(0xff)
	for i := range a.rows {
		word, shift := counter(h, i)
		n = min(n, a.rows[i][word]>>shift&0xff)
	}
	return n
}

// counter is where row i keeps the counter of a key hashed to h: 16 bits
// of the hash for each row.
func counter(h uint64, i int) (word int, shift uint) {
	j := uint16(h >> (16 * i))
	return int(j / 8), uint(j%8) * 8
}
