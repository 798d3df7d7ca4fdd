package i18n

import "fmt"

// ByteSize writes a file size for people, in decimal units as file
// managers show them: "512 B", "1.4 MB". The units read the same in both
// languages.
func ByteSize(n int64) string {
	const unit = 1000
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %cB", float64(n)/float64(div), "kMGTPE"[exp])
}
