package main

import (
	"go/build"
	"log/slog"
	"os/exec"
	"path/filepath"
	"strconv"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// discardLog is a logger for jobs whose logs no test reads.
func discardLog() *slog.Logger { return slog.New(slog.DiscardHandler) }

// findGoBinary finds a tool installed with go install: in PATH, else in
// $(go env GOPATH)/bin, which a fresh machine's PATH often lacks. It
// returns "" when there is none.
func findGoBinary(name string) string {
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	for _, dir := range filepath.SplitList(build.Default.GOPATH) {
		if p := filepath.Join(dir, "bin", name); fileExists(p) {
			return p
		}
	}
	return ""
}
