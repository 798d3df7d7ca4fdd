package web

import (
	"encoding/binary"
	"errors"
	"maps"
	"slices"
	"time"

	"github.com/alexedwards/scs/v2"
)

// sessionCodec encodes a session's values in a small binary form instead
// of scs's gob. Gob builds a decoder for the map's type on every decode:
// that was half the CPU of a cached page for a shopper with a cart, who
// sends their session with every request. Keys are written in order, so
// an unchanged session encodes to the same bytes and the store can skip
// the write by comparing them.
//
// The values are strings, int64s, ints and bools; a session holding any
// other type is written with gob, and a session written with gob (by an
// earlier version) is read with it.
type sessionCodec struct{}

// sessionFormat starts every session sessionCodec writes; a gob stream
// never starts with a zero byte (its first message's length).
var sessionFormat = []byte{0, 1}

const (
	tagString = 's'
	tagInt64  = 'i'
	tagInt    = 'n'
	tagBool   = 'b'
)

var errSessionFormat = errors.New("session: bad encoding")

func (sessionCodec) Encode(deadline time.Time, values map[string]any) ([]byte, error) {
	b := append([]byte(nil), sessionFormat...)
	b = binary.AppendVarint(b, deadline.UnixNano())
	b = binary.AppendVarint(b, int64(len(values)))
	for _, k := range slices.Sorted(maps.Keys(values)) {
		b = appendString(b, k)
		switch v := values[k].(type) {
		case string:
			b = appendString(append(b, tagString), v)
		case int64:
			b = binary.AppendVarint(append(b, tagInt64), v)
		case int:
			b = binary.AppendVarint(append(b, tagInt), int64(v))
		case bool:
			t := byte(0)
			if v {
				t = 1
			}
			b = append(b, tagBool, t)
		default:
			return scs.GobCodec{}.Encode(deadline, values)
		}
	}
	return b, nil
}

func (sessionCodec) Decode(b []byte) (time.Time, map[string]any, error) {
	if len(b) < len(sessionFormat) || b[0] != sessionFormat[0] || b[1] != sessionFormat[1] {
		return scs.GobCodec{}.Decode(b)
	}
	r := sessionReader{b: b[len(sessionFormat):]}
	deadline := time.Unix(0, r.varint())
	n := r.length()
	if r.err != nil {
		return time.Time{}, nil, r.err
	}
	values := make(map[string]any, n)
	for range n {
		k := r.string()
		switch r.byte() {
		case tagString:
			values[k] = r.string()
		case tagInt64:
			values[k] = r.varint()
		case tagInt:
			values[k] = int(r.varint())
		case tagBool:
			values[k] = r.byte() == 1
		default:
			r.err = errSessionFormat
		}
		if r.err != nil {
			return time.Time{}, nil, r.err
		}
	}
	return deadline, values, nil
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendVarint(b, int64(len(s))), s...)
}

// sessionReader reads what Encode wrote; past the end or on a malformed
// number it sets err and reads zeros.
type sessionReader struct {
	b   []byte
	err error
}

func (r *sessionReader) fail() { r.err, r.b = errSessionFormat, nil }

func (r *sessionReader) varint() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

// length reads a count or a string's length: never more than the bytes
// left, so that bad data cannot ask for a huge allocation.
func (r *sessionReader) length() int {
	n := r.varint()
	if n < 0 || n > int64(len(r.b)) {
		r.fail()
		return 0
	}
	return int(n)
}

func (r *sessionReader) byte() byte {
	if len(r.b) == 0 {
		r.fail()
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *sessionReader) string() string {
	n := r.length()
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}
