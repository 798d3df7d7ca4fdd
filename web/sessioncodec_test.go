package web

import (
	"bytes"
	"reflect"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"
)

func TestSessionCodec(t *testing.T) {
	deadline := time.Date(2027, 1, 2, 3, 4, 5, 6, time.UTC)
	values := map[string]any{"cart": "tok_abc", "customer_id": int64(42), "epoch": int64(-3),
		"page": 7, "shop_password": true, "notice": "已加入购物车", "empty": ""}
	var c sessionCodec
	b, err := c.Encode(deadline, values)
	if err != nil {
		t.Fatal(err)
	}
	for range 20 { // map order varies between runs; the bytes must not
		again, _ := c.Encode(deadline, values)
		if !bytes.Equal(again, b) {
			t.Fatal("the same session encoded to different bytes")
		}
	}
	d, got, err := c.Decode(b)
	if err != nil || !d.Equal(deadline) || !reflect.DeepEqual(got, values) {
		t.Fatalf("decoded %v %#v %v, want %v %#v", d, got, err, deadline, values)
	}

	// A session written with gob (before this codec, or holding another
	// type) is read with gob.
	legacy, err := scs.GobCodec{}.Encode(deadline, values)
	if err != nil {
		t.Fatal(err)
	}
	if d, got, err := c.Decode(legacy); err != nil || !d.Equal(deadline) || !reflect.DeepEqual(got, values) {
		t.Errorf("gob session decoded %v %#v %v", d, got, err)
	}
	other := map[string]any{"ratio": 1.5}
	b, err = c.Encode(deadline, other)
	if err != nil {
		t.Fatal(err)
	}
	if _, got, err := c.Decode(b); err != nil || !reflect.DeepEqual(got, other) {
		t.Errorf("a session of another type came back as %#v, %v", got, err)
	}

	// Cut or corrupted data is an error, never a panic.
	b, _ = c.Encode(deadline, values)
	for i := len(sessionFormat); i < len(b); i++ {
		if _, _, err := c.Decode(b[:i]); err == nil {
			t.Errorf("a session cut at %d of %d bytes decoded", i, len(b))
		}
	}
	bad := append(append([]byte(nil), sessionFormat...), 2, 2, 2, 'k', 'x') // zigzag varints: deadline 1, one value, key "k"
	if _, _, err := c.Decode(bad); err == nil {
		t.Error("an unknown value tag decoded")
	}
}
