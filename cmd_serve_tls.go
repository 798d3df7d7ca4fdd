package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/crypto/acme"
	"golang.org/x/crypto/acme/autocert"
	"golang.org/x/net/idna"
)

// httpsConfig is what serve's HTTPS flags decide. With domains set the shop
// obtains its own certificates by ACME and serves HTTPS itself, without a
// reverse proxy.
type httpsConfig struct {
	domain    string   // --domain as given: host names separated by commas
	domains   []string // the parsed names, the first the public one; none serves plain HTTP only
	addr      string   // where HTTPS listens; the public port is 443 whatever this says
	directory string   // the ACME directory URL
	caFile    string   // PEM roots to trust for a private ACME server; empty the system's
	email     string   // the ACME account's contact, optional
}

// addHTTPSFlags declares serve's HTTPS flags; finishHTTPSFlags reads them
// once they are parsed.
func addHTTPSFlags(fs *flag.FlagSet, cfg *httpsConfig, getenv func(string) string) {
	fs.StringVar(&cfg.domain, "domain", getenv("STOREFRONT_DOMAIN"), "serve HTTPS for these host names (comma-separated) with certificates from Let's Encrypt; plain HTTP then redirects (STOREFRONT_DOMAIN)")
	fs.StringVar(&cfg.addr, "https-addr", envDefault(getenv, "STOREFRONT_HTTPS_ADDR", ":443"), "HTTPS listen address with --domain (STOREFRONT_HTTPS_ADDR)")
	fs.StringVar(&cfg.directory, "acme-directory", envDefault(getenv, "STOREFRONT_ACME_DIRECTORY", autocert.DefaultACMEDirectory), "ACME directory URL with --domain (STOREFRONT_ACME_DIRECTORY)")
	fs.StringVar(&cfg.caFile, "acme-ca", getenv("STOREFRONT_ACME_CA"), "PEM file of the root certificates of a private ACME server; default the system's (STOREFRONT_ACME_CA)")
	fs.StringVar(&cfg.email, "acme-email", getenv("STOREFRONT_ACME_EMAIL"), "contact email for the ACME account, told of certificate problems (STOREFRONT_ACME_EMAIL)")
}

// finishHTTPSFlags checks --domain and applies what it implies: plain HTTP
// on :80 (for the ACME challenge and the redirect) unless --addr or
// STOREFRONT_ADDR says otherwise, and the base URL https://first-name.
func finishHTTPSFlags(fs *flag.FlagSet, cfg *serveConfig, getenv func(string) string) error {
	if cfg.https.domain == "" {
		return nil
	}
	names, err := parseDomains(cfg.https.domain)
	if err != nil {
		return err
	}
	cfg.https.domains = names
	addrGiven := getenv("STOREFRONT_ADDR") != ""
	fs.Visit(func(f *flag.Flag) { addrGiven = addrGiven || f.Name == "addr" })
	if !addrGiven {
		cfg.addr = ":80"
	}
	switch {
	case cfg.baseURL == "":
		cfg.baseURL = "https://" + names[0]
	case !strings.HasPrefix(cfg.baseURL, "https://"):
		return fmt.Errorf("--base-url %s: with --domain the shop is served over HTTPS, so its URL starts with https://", cfg.baseURL)
	}
	return nil
}

// parseDomains reads --domain: host names separated by commas, each a name
// a certificate can be issued for (no scheme, port, path, IP address or
// wildcard), in the ASCII form that TLS's server name and Host carry.
func parseDomains(s string) ([]string, error) {
	var names []string
	for name := range strings.SplitSeq(s, ",") {
		name = strings.TrimSuffix(strings.TrimSpace(name), ".")
		ascii, err := idna.Lookup.ToASCII(name)
		if err != nil || !strings.Contains(ascii, ".") || strings.ContainsAny(ascii, "/:*@") || net.ParseIP(ascii) != nil {
			return nil, fmt.Errorf("--domain %q: %q is not a host name; write it as shop.example.com", s, name)
		}
		if !slices.Contains(names, ascii) {
			names = append(names, ascii)
		}
	}
	return names, nil
}

// shopURL is where the shop is open, as serve prints it: its own HTTPS
// name, else its plain listen address.
func shopURL(cfg serveConfig, addr net.Addr) string {
	if cfg.https.domains != nil {
		return "https://" + cfg.https.domains[0]
	}
	return "http://" + displayAddr(addr)
}

// serveShop serves handler on plain until ctx ends; with --domain, on an
// HTTPS listener instead, plain then answering ACME challenges and
// redirecting.
func serveShop(ctx context.Context, cfg serveConfig, plain net.Listener, handler http.Handler, log *slog.Logger, stdout io.Writer) error {
	if cfg.https.domains == nil {
		return serveHTTP(ctx, log, listening{newServer(ctx, handler, log), plain})
	}
	m, err := certManager(cfg, log)
	if err != nil {
		plain.Close()
		return err
	}
	ln, err := net.Listen("tcp", cfg.https.addr)
	if err != nil {
		plain.Close()
		return err
	}
	names := cfg.https.domains
	fmt.Fprintf(stdout, "HTTPS for %s on %s, certificates from %s; HTTP on %s redirects to it\n",
		strings.Join(names, ", "), ln.Addr(), cfg.https.directory, plain.Addr())
	log.Info("listening", "https", ln.Addr().String(), "domains", names)
	return serveHTTP(ctx, log,
		listening{newServer(ctx, onlyHosts(names, handler), log), tls.NewListener(ln, m.TLSConfig())},
		listening{newServer(ctx, m.HTTPHandler(redirectToHTTPS(names)), log), plain})
}

// certManager obtains and renews certificates for the configured names
// only: its host policy refuses any other name before an ACME request, so a
// client that makes one up cannot spend the CA's rate limit. It keeps the
// certificates and the account key in a private directory beside the
// database.
func certManager(cfg serveConfig, log *slog.Logger) (*autocert.Manager, error) {
	dir := filepath.Join(filepath.Dir(cfg.db), "certs")
	if err := privateDir(dir, log); err != nil {
		return nil, err
	}
	client := &acme.Client{DirectoryURL: cfg.https.directory}
	if cfg.https.caFile != "" {
		hc, err := clientTrusting(cfg.https.caFile)
		if err != nil {
			return nil, err
		}
		client.HTTPClient = hc
	}
	return &autocert.Manager{
		Prompt:     autocert.AcceptTOS,
		Cache:      autocert.DirCache(dir),
		HostPolicy: autocert.HostWhitelist(cfg.https.domains...),
		Client:     client,
		Email:      cfg.https.email,
	}, nil
}

// privateDir makes dir readable by the shop's user only, creating it or
// fixing the mode of one that exists: it holds private keys.
func privateDir(dir string, log *slog.Logger) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("certificate cache: %w", err)
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("certificate cache: %w", err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("certificate cache %s is not a directory", dir)
	}
	if perm := fi.Mode().Perm(); perm != 0o700 {
		log.Warn("certificate cache was open to others; made it private", "dir", dir, "mode", perm.String())
		if err := os.Chmod(dir, 0o700); err != nil {
			return fmt.Errorf("certificate cache: %w", err)
		}
	}
	return nil
}

// clientTrusting is an HTTP client that trusts only the roots in the PEM
// file at path, for an ACME server with a private CA (Pebble in the tests).
func clientTrusting(path string) (*http.Client, error) {
	pem, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("--acme-ca: %w", err)
	}
	roots := x509.NewCertPool()
	if !roots.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("--acme-ca %s: no PEM certificate in it", path)
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSClientConfig = &tls.Config{RootCAs: roots}
	return &http.Client{Transport: tr}, nil
}

// onlyHosts answers 421 Misdirected Request to a request for a host the
// shop does not serve, which a client can send with a valid server name:
// pages must never be built, or cached, from a made-up Host.
func onlyHosts(names []string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !slices.Contains(names, requestHost(r)) {
			http.Error(w, "This server does not serve that host.", http.StatusMisdirectedRequest)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// redirectToHTTPS sends a plain HTTP request to the same path over HTTPS,
// permanently (HSTS makes browsers do so anyway), with 308 for methods
// other than GET and HEAD so that a form keeps its method and body. A
// request for a host the shop does not serve (its IP address, say) goes to
// the first name. The port is left out: the public HTTPS port is 443,
// whatever --https-addr listens on behind a port forward.
func redirectToHTTPS(names []string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host := requestHost(r)
		if !slices.Contains(names, host) {
			host = names[0]
		}
		code := http.StatusMovedPermanently
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			code = http.StatusPermanentRedirect
		}
		http.Redirect(w, r, "https://"+host+r.URL.RequestURI(), code)
	})
}

// requestHost is r's Host without port, as --domain names are written.
func requestHost(r *http.Request) string {
	host := r.Host
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	return strings.TrimSuffix(strings.ToLower(host), ".")
}
