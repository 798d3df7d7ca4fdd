package kit

import (
	"net/http"
	"time"
)

// minUploadRate is the slowest upload the shop waits for, in bytes a
// second: about half a megabit, a phone on a weak signal.
const minUploadRate = 64 << 10

// AllowSlowUpload gives the request's body as long as limit bytes take at
// minUploadRate, and the answer a minute more, in place of the server's
// read and write timeouts (30 and 60 s, which three photos from a phone
// on a weak signal do not make: the shopper would see the connection
// drop, not a page). Call it once the request is known to be allowed and
// before its body is read, so that only those who may upload get the time
// and anyone else is cut off as before.
func AllowSlowUpload(w http.ResponseWriter, limit int64) {
	read := time.Now().Add(time.Duration(limit/minUploadRate+1) * time.Second)
	rc := http.NewResponseController(w)
	_ = rc.SetReadDeadline(read)
	_ = rc.SetWriteDeadline(read.Add(time.Minute))
}
