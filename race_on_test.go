//go:build race

package main

// raceDetector is whether the tests run with -race, which multiplies the
// memory every allocation takes: a memory ceiling means nothing then.
const raceDetector = true
