package main

import (
	"context"
	"database/sql"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strings"

	_ "modernc.org/sqlite"
)

// fortunes are TechEmpower's fortune messages, escaping test and
// non-ASCII row included, so the reference renders what theirs renders.
var fortunes = []string{
	"fortune: No such file or directory",
	"A computer scientist is someone who fixes things that aren't broken.",
	"After enough decimal places, nobody gives a damn.",
	"A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1",
	"A computer program does what you tell it to do, not what you want it to do.",
	"Emacs is a nice operating system, but I prefer UNIX. — Tom Christaensen",
	"Any program that runs right is obsolete.",
	"A list is only as strong as its weakest link. — Donald Knuth",
	"Feature: A bug with seniority.",
	"Computers make very fast, very accurate mistakes.",
	`<script>alert("This should not be displayed in a browser alert box.");</script>`,
	"フレームワークのベンチマーク",
}

var fortuneTemplate = template.Must(template.New("fortunes").Parse(`<!DOCTYPE html>
<html><head><title>Fortunes</title></head><body><table>
<tr><th>id</th><th>message</th></tr>
{{range .}}<tr><td>{{.ID}}</td><td>{{.Message}}</td></tr>
{{end}}</table></body></html>`))

type fortune struct {
	ID      int64
	Message string
}

// reference is TechEmpower's "fortunes" test: read 12 rows, add one,
// sort, render escaped. It is the floor of what a database page costs on
// this machine, so the shop's figures are printed as a ratio to it.
type reference struct {
	db   *sql.DB
	stmt *sql.Stmt
}

// openReference opens (and on first use creates and seeds) the fortune
// table at path, with a read pool of a few connections and the one query
// prepared, as a tuned server would.
func openReference(ctx context.Context, path string) (*reference, error) {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open reference db: %w", err)
	}
	db.SetMaxOpenConns(4)
	db.SetMaxIdleConns(4)
	db.SetConnMaxLifetime(0)
	if err := seedFortunes(ctx, db); err != nil {
		db.Close()
		return nil, err
	}
	stmt, err := db.PrepareContext(ctx, `SELECT id, message FROM fortune`)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("prepare fortunes: %w", err)
	}
	return &reference{db: db, stmt: stmt}, nil
}

func seedFortunes(ctx context.Context, db *sql.DB) error {
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS fortune (id INTEGER PRIMARY KEY, message TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("create fortunes: %w", err)
	}
	for i, m := range fortunes {
		if _, err := db.ExecContext(ctx, `INSERT OR IGNORE INTO fortune (id, message) VALUES (?, ?)`, i+1, m); err != nil {
			return fmt.Errorf("seed fortunes: %w", err)
		}
	}
	return nil
}

func (ref *reference) Close() error {
	ref.stmt.Close()
	return ref.db.Close()
}

// ServeHTTP answers GET /fortunes.
func (ref *reference) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/fortunes" || r.Method != http.MethodGet {
		http.NotFound(w, r)
		return
	}
	list, err := ref.fortunes(r.Context())
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := fortuneTemplate.Execute(w, list); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}

func (ref *reference) fortunes(ctx context.Context) ([]fortune, error) {
	rows, err := ref.stmt.QueryContext(ctx)
	if err != nil {
		return nil, fmt.Errorf("read fortunes: %w", err)
	}
	defer rows.Close()
	list := make([]fortune, 0, 16)
	for rows.Next() {
		var f fortune
		if err := rows.Scan(&f.ID, &f.Message); err != nil {
			return nil, fmt.Errorf("read fortunes: %w", err)
		}
		list = append(list, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read fortunes: %w", err)
	}
	list = append(list, fortune{Message: "Additional fortune added at request time."})
	slices.SortFunc(list, func(a, b fortune) int { return strings.Compare(a.Message, b.Message) })
	return list, nil
}
