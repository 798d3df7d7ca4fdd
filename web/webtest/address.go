package webtest

import (
	"net"
	"net/http"
)

// From is another browser, with its own cookies, whose connections come
// from ip: a loopback address such as 127.0.0.2 (Linux answers on all of
// 127.0.0.0/8), so the shop sees a different client address with no proxy
// header in between, as it would for a visitor elsewhere.
func (s *Shop) From(ip string) *Shop {
	b := s.OtherBrowser()
	dialer := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}}
	b.Client.Transport = &http.Transport{DialContext: dialer.DialContext}
	return b
}
