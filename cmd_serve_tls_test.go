package main

import (
	"bufio"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"io"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestServeOwnHTTPS runs the real serve with --domain shop.test against
// Pebble, a local ACME server, and talks to it as a browser would, with
// shop.test resolved to the loopback ports serve listens on.
func TestServeOwnHTTPS(t *testing.T) {
	pb := startPebble(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "shop.db")
	certs := filepath.Join(dir, "certs")
	// A cache directory that others can read is made private on start.
	if err := os.Mkdir(certs, 0o755); err != nil {
		t.Fatal(err)
	}
	noEnv := func(string) string { return "" }
	const email, password = "owner@shop.test", "correct horse battery staple"
	if err := run(context.Background(), []string{"admin", "create", "--db", db, "--email", email, "--password", password}, noEnv, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	httpsAddr, httpAddr, stop := startHTTPSServe(t, db, pb)

	c := newShopTestClient(t, pb.roots, map[string]string{"443": httpsAddr, "80": httpAddr})
	// The first handshake for shop.test obtains the certificate from Pebble.
	res := c.get(t, "https://shop.test/admin/login")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET https://shop.test/admin/login = %d", res.StatusCode)
	}
	leaf := res.TLS.PeerCertificates[0]
	if !slices.Equal(leaf.DNSNames, []string{"shop.test"}) || len(res.TLS.VerifiedChains) == 0 {
		t.Errorf("certificate for %v, issued by %q, verified by Pebble's root: %v", leaf.DNSNames, leaf.Issuer.CommonName, len(res.TLS.VerifiedChains) > 0)
	}
	if hsts := res.Header.Get("Strict-Transport-Security"); !strings.HasPrefix(hsts, "max-age=") {
		t.Errorf("Strict-Transport-Security = %q", hsts)
	}

	// Signing in sets the one session cookie: Secure, with the __Host- prefix,
	// and the shop reads it back under that name.
	res = c.post(t, "https://shop.test/admin/login", url.Values{"email": {email}, "password": {password}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("login over HTTPS = %d", res.StatusCode)
	}
	var session *http.Cookie
	for _, ck := range res.Cookies() {
		if strings.HasSuffix(ck.Name, "storefront_session") {
			session = ck
		}
	}
	if session == nil || session.Name != "__Host-storefront_session" || !session.Secure || session.Path != "/" || session.Domain != "" {
		t.Errorf("session cookie = %+v, want __Host-storefront_session, Secure, Path=/, no Domain", session)
	}
	if res := c.get(t, "https://shop.test/admin"); res.StatusCode != http.StatusOK {
		t.Errorf("admin home with the __Host- cookie = %d, want 200", res.StatusCode)
	}

	checkOnlyShopTest(t, c, pb, httpsAddr, certs)
	checkPlainHTTP(t, c)

	fi, err := os.Stat(certs)
	if err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("certificate cache %s: %v, %v; want mode 0700", certs, fi.Mode(), err)
	}
	stop()
	if conn, err := net.Dial("tcp", httpAddr); err == nil {
		conn.Close()
		t.Error("plain HTTP still listens after shutdown")
	}
}

// checkOnlyShopTest checks that the shop refuses every name but its own:
// no handshake and no certificate order for a made-up name or none, and a
// 421 for another Host over shop.test's connection.
func checkOnlyShopTest(t *testing.T, c *shopTestClient, pb *pebble, httpsAddr, certs string) {
	t.Helper()
	orders := pb.orders.Load()
	for _, name := range []string{"evil.test", ""} {
		// InsecureSkipVerify: the server, not this client, must refuse.
		conn, err := tls.Dial("tcp", httpsAddr, &tls.Config{ServerName: name, InsecureSkipVerify: true})
		if err == nil {
			conn.Close()
			t.Errorf("TLS handshake for server name %q succeeded", name)
		}
	}
	if n := pb.orders.Load(); n != orders {
		t.Errorf("Pebble got %d new orders for names the shop does not serve", n-orders)
	}
	entries, _ := os.ReadDir(certs)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !slices.Contains(names, "shop.test") || slices.ContainsFunc(names, func(n string) bool { return strings.Contains(n, "evil") }) {
		t.Errorf("certificate cache holds %v, want shop.test's and nothing for evil.test", names)
	}

	req, _ := http.NewRequest(http.MethodGet, "https://shop.test/", nil)
	req.Host = "evil.test"
	if res := c.do(t, req); res.StatusCode != http.StatusMisdirectedRequest {
		t.Errorf("Host evil.test over shop.test's connection = %d, want 421", res.StatusCode)
	}
}

// checkPlainHTTP checks port 80: a redirect to HTTPS for everything but
// ACME's http-01 challenge, which autocert answers (for shop.test only).
func checkPlainHTTP(t *testing.T, c *shopTestClient) {
	t.Helper()
	for _, tc := range []struct{ method, url, host string }{
		{http.MethodGet, "http://shop.test/products?page=2", ""},
		{http.MethodPost, "http://shop.test/cart/add", ""},
		{http.MethodGet, "http://shop.test/products?page=2", "127.0.0.1"}, // by IP address
	} {
		req, _ := http.NewRequest(tc.method, tc.url, nil)
		if tc.host != "" {
			req.Host = tc.host
		}
		res := c.do(t, req)
		want := map[string]int{http.MethodGet: http.StatusMovedPermanently, http.MethodPost: http.StatusPermanentRedirect}[tc.method]
		wantLoc := strings.Replace(tc.url, "http://", "https://", 1)
		if res.StatusCode != want || res.Header.Get("Location") != wantLoc {
			t.Errorf("%s %s (Host %q) = %d → %q, want %d → %q", tc.method, tc.url, tc.host, res.StatusCode, res.Header.Get("Location"), want, wantLoc)
		}
	}
	// An unknown token is not found (and not redirected) for shop.test, and
	// refused for a name the shop does not serve.
	req, _ := http.NewRequest(http.MethodGet, "http://shop.test/.well-known/acme-challenge/unknown", nil)
	if res := c.do(t, req); res.StatusCode != http.StatusNotFound {
		t.Errorf("ACME challenge for shop.test = %d, want 404", res.StatusCode)
	}
	req.Host = "evil.test"
	if res := c.do(t, req); res.StatusCode != http.StatusForbidden {
		t.Errorf("ACME challenge for evil.test = %d, want 403", res.StatusCode)
	}
}

// startHTTPSServe runs serve --domain shop.test on loopback ports, trusting
// pb, and returns where it listens for HTTPS and plain HTTP, and a stop
// that expects a clean shutdown of both.
func startHTTPSServe(t *testing.T, db string, pb *pebble) (httpsAddr, httpAddr string, stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	args := []string{"serve", "--db", db, "--domain", "shop.test", "--addr", "127.0.0.1:0", "--https-addr", "127.0.0.1:0",
		"--acme-directory", pb.directory, "--acme-ca", pb.caFile, "--acme-email", "owner@shop.test"}
	go func() {
		done <- run(ctx, args, func(string) string { return "" }, pw, io.Discard)
		pw.Close()
	}()
	stop = func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve returned %v after shutdown", err)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("serve did not shut down")
		}
	}
	t.Cleanup(cancel)
	addrRE := regexp.MustCompile(`^HTTPS for shop\.test on (\S+), .*; HTTP on (\S+) redirects`)
	sc := bufio.NewScanner(pr)
	var opened bool
	for sc.Scan() {
		opened = opened || strings.HasPrefix(sc.Text(), "Storefront is open at https://shop.test ")
		if m := addrRE.FindStringSubmatch(sc.Text()); m != nil {
			httpsAddr, httpAddr = m[1], m[2]
			break
		}
	}
	go io.Copy(io.Discard, pr)
	if httpsAddr == "" || !opened {
		cancel()
		t.Fatalf("serve did not say it is open at https://shop.test and where it listens; err = %v", <-done)
	}
	return httpsAddr, httpAddr, stop
}

// shopTestClient is a browser that resolves every name to the serve
// command's loopback ports (by port: 443 to HTTPS, 80 to plain HTTP),
// trusts Pebble's root, keeps cookies and does not follow redirects.
type shopTestClient struct{ *http.Client }

func newShopTestClient(t *testing.T, roots *x509.CertPool, ports map[string]string) *shopTestClient {
	t.Helper()
	var d net.Dialer
	tr := &http.Transport{
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			_, port, _ := net.SplitHostPort(addr)
			return d.DialContext(ctx, network, ports[port])
		},
		TLSClientConfig: &tls.Config{RootCAs: roots},
	}
	t.Cleanup(tr.CloseIdleConnections)
	jar, _ := cookiejar.New(nil)
	return &shopTestClient{&http.Client{
		Transport: tr, Jar: jar, Timeout: time.Minute,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

func (c *shopTestClient) do(t *testing.T, req *http.Request) *http.Response {
	t.Helper()
	res, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res
}

func (c *shopTestClient) get(t *testing.T, u string) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	return c.do(t, req)
}

func (c *shopTestClient) post(t *testing.T, u string, form url.Values) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, u, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.do(t, req)
}

func TestServeHTTPSFlags(t *testing.T) {
	for _, tc := range []struct {
		name      string
		args      []string
		env       map[string]string
		wantErr   bool
		addr      string
		baseURL   string
		domains   []string
		httpsAddr string
	}{
		{name: "one name", args: []string{"--domain", "shop.example.com"},
			addr: ":80", baseURL: "https://shop.example.com", domains: []string{"shop.example.com"}, httpsAddr: ":443"},
		{name: "names from the environment", env: map[string]string{"STOREFRONT_DOMAIN": "Shop.Example.com, www.shop.example.com", "STOREFRONT_ADDR": ":8080", "STOREFRONT_HTTPS_ADDR": ":8443"},
			addr: ":8080", baseURL: "https://shop.example.com", domains: []string{"shop.example.com", "www.shop.example.com"}, httpsAddr: ":8443"},
		{name: "own base URL", args: []string{"--domain", "shop.example.com,www.shop.example.com", "--base-url", "https://www.shop.example.com", "--addr", "127.0.0.1:8080"},
			addr: "127.0.0.1:8080", baseURL: "https://www.shop.example.com", domains: []string{"shop.example.com", "www.shop.example.com"}, httpsAddr: ":443"},
		{name: "no domain", args: nil, addr: ":8080", httpsAddr: ":443"},
		{name: "plain base URL", args: []string{"--domain", "shop.example.com", "--base-url", "http://shop.example.com"}, wantErr: true},
		{name: "scheme", args: []string{"--domain", "https://shop.example.com"}, wantErr: true},
		{name: "port", args: []string{"--domain", "shop.example.com:443"}, wantErr: true},
		{name: "wildcard", args: []string{"--domain", "*.example.com"}, wantErr: true},
		{name: "IP address", args: []string{"--domain", "203.0.113.7"}, wantErr: true},
		{name: "no dot", args: []string{"--domain", "localhost"}, wantErr: true},
		{name: "empty name", args: []string{"--domain", "shop.example.com,"}, wantErr: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := parseServeFlags(tc.args, func(k string) string { return tc.env[k] }, io.Discard, false)
			if tc.wantErr {
				if err == nil {
					t.Errorf("accepted; domains %v", cfg.https.domains)
				}
				return
			}
			if err != nil || cfg.addr != tc.addr || cfg.baseURL != tc.baseURL || !slices.Equal(cfg.https.domains, tc.domains) || cfg.https.addr != tc.httpsAddr {
				t.Errorf("addr %q, base URL %q, domains %v, HTTPS on %q, err %v", cfg.addr, cfg.baseURL, cfg.https.domains, cfg.https.addr, err)
			}
		})
	}
	if _, err := parseServeFlags([]string{"--domain", "shop.example.com"}, func(string) string { return "" }, io.Discard, true); err == nil {
		t.Error("demo accepted --domain")
	}
}

// TestPrivateDirFixesMode checks the certificate cache's mode without an
// ACME server: created 0700, and an existing one opened to others closed.
func TestPrivateDirFixesMode(t *testing.T) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	fresh := filepath.Join(t.TempDir(), "certs")
	open := t.TempDir()
	if err := os.Chmod(open, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{fresh, open} {
		if err := privateDir(dir, log); err != nil {
			t.Fatal(err)
		}
		if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o700 {
			t.Errorf("%s: mode %v, %v; want 0700", dir, fi.Mode().Perm(), err)
		}
	}
	file := filepath.Join(t.TempDir(), "certs")
	os.WriteFile(file, nil, 0o600)
	if err := privateDir(file, log); err == nil {
		t.Error("a file accepted as the certificate cache")
	}
}

// pebble is a running Pebble: its ACME directory, the CA file its HTTPS
// certificate chains to, the root it issues certificates under, and how
// many orders it has received.
type pebble struct {
	directory string
	caFile    string
	roots     *x509.CertPool
	orders    atomic.Int64
}

// startPebble runs Pebble (go install
// github.com/letsencrypt/pebble/v2/cmd/pebble@v2.10.3) on free loopback
// ports for t, or skips without it unless STOREFRONT_E2E=1.
//
// PEBBLE_VA_ALWAYS_VALID=1 makes Pebble accept every challenge without
// connecting to the shop: shop.test resolves nowhere outside this test's
// client. So this test checks everything about obtaining, caching and
// serving a certificate except the http-01/tls-alpn-01 answer itself,
// which is autocert's own (covered by its tests); checkPlainHTTP checks
// that the http-01 handler is wired on port 80.
func startPebble(t *testing.T) *pebble {
	t.Helper()
	bin := findGoBinary("pebble")
	if bin == "" {
		msg := "pebble not found: go install github.com/letsencrypt/pebble/v2/cmd/pebble@v2.10.3"
		if os.Getenv("STOREFRONT_E2E") == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	dir := t.TempDir()
	pb := &pebble{caFile: filepath.Join(dir, "ca.pem")}
	ca, caKey := writeTestCA(t, pb.caFile)
	writeLoopbackCert(t, dir, ca, caKey)
	listen, manage := freeLoopbackAddr(t), freeLoopbackAddr(t)
	var conf struct {
		Pebble map[string]any `json:"pebble"`
	}
	conf.Pebble = map[string]any{
		"listenAddress": listen, "managementListenAddress": manage,
		"certificate": filepath.Join(dir, "cert.pem"), "privateKey": filepath.Join(dir, "key.pem"),
		"httpPort": 80, "tlsPort": 443, "keyAlgorithm": "ecdsa",
	}
	confFile := filepath.Join(dir, "pebble.json")
	data, _ := json.Marshal(conf)
	if err := os.WriteFile(confFile, data, 0o600); err != nil {
		t.Fatal(err)
	}
	runPebble(t, bin, confFile, &pb.orders)
	pb.directory = "https://" + listen + "/dir"
	pb.roots = pebbleRoot(t, pb.caFile, "https://"+manage+"/roots/0", pb.directory)
	return pb
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// runPebble starts bin and counts the orders its log reports.
func runPebble(t *testing.T, bin, confFile string, orders *atomic.Int64) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "-config", confFile)
	cmd.Env = append(os.Environ(), "PEBBLE_VA_NOSLEEP=1", "PEBBLE_VA_ALWAYS_VALID=1", "PEBBLE_WFE_NONCEREJECT=0")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		t.Fatalf("start pebble: %v", err)
	}
	t.Cleanup(func() {
		cancel()
		cmd.Wait()
	})
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if strings.Contains(sc.Text(), "Added order") {
				orders.Add(1)
			}
		}
	}()
}

// pebbleRoot waits for Pebble to answer and fetches the root it issues
// certificates under (a new one each run).
func pebbleRoot(t *testing.T, caFile, rootURL, directory string) *x509.CertPool {
	t.Helper()
	hc, err := clientTrusting(caFile)
	if err != nil {
		t.Fatal(err)
	}
	hc.Timeout = 5 * time.Second
	deadline := time.Now().Add(15 * time.Second)
	for {
		res, err := hc.Get(directory)
		if err == nil {
			res.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("pebble at %s: %v", directory, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	res, err := hc.Get(rootURL)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	roots := x509.NewCertPool()
	if !roots.AppendCertsFromPEM(data) {
		t.Fatalf("pebble's root at %s: %q", rootURL, data)
	}
	return roots
}

// freeLoopbackAddr is a loopback address no one listens on just now, for
// Pebble, which cannot say which port it was given.
func freeLoopbackAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// writeTestCA makes a CA for Pebble's own HTTPS and writes its certificate
// to path, the file serve's --acme-ca trusts.
func writeTestCA(t *testing.T, path string) (*x509.Certificate, *ecdsa.PrivateKey) {
	t.Helper()
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "storefront test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	return writeCert(t, tmpl, nil, nil, path, "")
}

// writeLoopbackCert writes cert.pem and key.pem for 127.0.0.1 into dir,
// signed by ca.
func writeLoopbackCert(t *testing.T, dir string, ca *x509.Certificate, caKey *ecdsa.PrivateKey) {
	t.Helper()
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "127.0.0.1"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, DNSNames: []string{"localhost"},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	writeCert(t, tmpl, ca, caKey, filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem"))
}

// writeCert signs tmpl with a new key (by parent's key, or itself when
// parent is nil) and writes the certificate, and the key if keyPath is set.
func writeCert(t *testing.T, tmpl, parent *x509.Certificate, parentKey *ecdsa.PrivateKey, certPath, keyPath string) (*x509.Certificate, *ecdsa.PrivateKey) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	if parent == nil {
		parent, parentKey = tmpl, key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, &key.PublicKey, parentKey)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	if err := os.WriteFile(certPath, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if keyPath != "" {
		kder, _ := x509.MarshalPKCS8PrivateKey(key)
		if err := os.WriteFile(keyPath, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kder}), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return cert, key
}

// TestRedirectToHTTPSKeepsToShopNames checks the plain listener's redirect
// without an ACME server.
func TestRedirectToHTTPSKeepsToShopNames(t *testing.T) {
	h := redirectToHTTPS([]string{"shop.example.com", "www.shop.example.com"})
	for _, tc := range []struct{ host, want string }{
		{"www.shop.example.com", "https://www.shop.example.com/p?q=1"},
		{"WWW.shop.example.com:80", "https://www.shop.example.com/p?q=1"},
		{"evil.example", "https://shop.example.com/p?q=1"},
	} {
		req := httptest.NewRequest(http.MethodGet, "/p?q=1", nil)
		req.Host = tc.host
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusMovedPermanently || rec.Header().Get("Location") != tc.want {
			t.Errorf("Host %s: %d → %q, want 301 → %q", tc.host, rec.Code, rec.Header().Get("Location"), tc.want)
		}
	}
}
