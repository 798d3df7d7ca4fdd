package main

import (
	"log/slog"
	"strconv"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// discardLog is a logger for jobs whose logs no test reads.
func discardLog() *slog.Logger { return slog.New(slog.DiscardHandler) }
