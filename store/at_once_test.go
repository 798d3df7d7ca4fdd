package store

import "sync"

// atOnce runs every action at the same moment, each on its own goroutine
// (as staff pressing one button in several browser tabs), and returns
// their errors in order.
func atOnce(actions ...func() error) []error {
	errs := make([]error, len(actions))
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i, act := range actions {
		wg.Go(func() {
			<-start
			errs[i] = act()
		})
	}
	close(start)
	wg.Wait()
	return errs
}
