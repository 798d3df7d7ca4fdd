package store

import (
	"io"
	"os"
	"strings"
	"testing"
)

// TestRewind: a file is read again from where it stood when the import
// began, and a pipe (`import translations /dev/stdin` fed by another
// command) is refused before anything is read.
func TestRewind(t *testing.T) {
	r := strings.NewReader("\uFEFFType,Handle\nproduct,longjing\n")
	r.Seek(3, io.SeekStart) // past the byte-order mark
	rewind, err := Rewind(r)
	if err != nil {
		t.Fatal(err)
	}
	io.ReadAll(r)
	if err := rewind(); err != nil {
		t.Fatal(err)
	}
	if rest, _ := io.ReadAll(r); string(rest) != "Type,Handle\nproduct,longjing\n" {
		t.Errorf("read again: %q", rest)
	}

	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	defer pw.Close()
	if _, err := Rewind(pr); err == nil || !strings.Contains(err.Error(), "pipe") {
		t.Fatalf("Rewind(pipe) = %v, want an error naming the pipe", err)
	}
	if _, err := OpenTranslationsCSV(pr); err == nil {
		t.Fatal("OpenTranslationsCSV(pipe) succeeded")
	}
}
