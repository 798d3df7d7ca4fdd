package store

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Sort orders of the admin's product table.
const (
	AdminSortUpdated   = "updated" // most recently changed first, the default
	AdminSortTitle     = "title"
	AdminSortPriceAsc  = "price-asc"
	AdminSortPriceDesc = "price-desc"
	AdminSortStockAsc  = "stock-asc"
	AdminSortStockDesc = "stock-desc"
	AdminSortNewest    = "newest"
)

// AdminProductSorts lists the sort orders in the order the admin offers them.
var AdminProductSorts = []string{AdminSortUpdated, AdminSortTitle, AdminSortPriceAsc, AdminSortPriceDesc,
	AdminSortStockAsc, AdminSortStockDesc, AdminSortNewest}

var adminProductOrder = map[string]string{
	AdminSortUpdated:   `p.updated_at DESC, p.id DESC`,
	AdminSortTitle:     `p.title COLLATE NOCASE, p.id`,
	AdminSortPriceAsc:  `p.price_min, p.id`,
	AdminSortPriceDesc: `p.price_max DESC, p.id`,
	AdminSortStockAsc:  `p.stock_total, p.id`,
	AdminSortStockDesc: `p.stock_total DESC, p.id`,
	AdminSortNewest:    `p.created_at DESC, p.id DESC`,
}

// Stock filters of the admin's product table.
const (
	StockIn  = "in"
	StockOut = "out"
)

// AdminProductQuery selects a page of the admin's product table; zero
// fields match everything.
type AdminProductQuery struct {
	Status       string // one of the Status constants
	CollectionID int64
	Search       string // in the title, vendor, handle or a variant's SKU
	Stock        string // StockIn or StockOut
	Sort         string // one of AdminProductSorts
	Page         int
	PerPage      int
}

// AdminProductRow is one product in the admin's table.
type AdminProductRow struct {
	ID           int64
	Handle       string
	Title        string
	Vendor       string
	Status       string
	Variants     int
	StockTotal   int64
	PriceMin     int64
	PriceMax     int64
	CoverImageID int64
	UpdatedAt    time.Time
}

// AdminProductPage is one page of the admin's product table.
type AdminProductPage struct {
	Rows    []AdminProductRow
	Total   int
	Page    int
	PerPage int
}

// Pages is the number of pages, at least 1.
func (p AdminProductPage) Pages() int { return pageCount(p.Total, p.PerPage) }

// AdminProducts returns the page of products, in every status, that q
// selects.
func (s *Store) AdminProducts(ctx context.Context, q AdminProductQuery) (AdminProductPage, error) {
	page := AdminProductPage{Page: min(max(q.Page, 1), MaxPage), PerPage: q.PerPage}
	if page.PerPage <= 0 || page.PerPage > 200 {
		page.PerPage = 50
	}
	order, ok := adminProductOrder[q.Sort]
	if !ok {
		order = adminProductOrder[AdminSortUpdated]
	}
	var where []string
	var args []any
	if q.Status != "" {
		where, args = append(where, `p.status = ?`), append(args, q.Status)
	}
	if q.CollectionID != 0 {
		where = append(where, `EXISTS (SELECT 1 FROM collection_products cp WHERE cp.product_id = p.id AND cp.collection_id = ?)`)
		args = append(args, q.CollectionID)
	}
	if text := strings.TrimSpace(q.Search); text != "" {
		cond, condArgs, err := productFound(text)
		if err != nil {
			return AdminProductPage{}, err
		}
		where, args = append(where, cond), append(args, condArgs...)
	}
	switch q.Stock {
	case StockIn:
		where = append(where, `p.stock_total > 0`)
	case StockOut:
		where = append(where, `p.stock_total <= 0`)
	}
	cond := ""
	if len(where) > 0 {
		cond = ` WHERE ` + strings.Join(where, ` AND `)
	}
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM products p`+cond, args...).Scan(&page.Total); err != nil {
		return page, fmt.Errorf("admin products: %w", err)
	}
	rows, err := s.read.QueryContext(ctx, `
		SELECT p.id, p.handle, p.title, p.vendor, p.status, (SELECT count(*) FROM variants WHERE product_id = p.id),
			p.stock_total, p.price_min, p.price_max, coalesce(p.cover_image_id, 0), p.updated_at
		FROM products p`+cond+` ORDER BY `+order+` LIMIT ? OFFSET ?`,
		append(args, page.PerPage, (page.Page-1)*page.PerPage)...)
	if err != nil {
		return page, fmt.Errorf("admin products: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r AdminProductRow
		var updated int64
		if err := rows.Scan(&r.ID, &r.Handle, &r.Title, &r.Vendor, &r.Status, &r.Variants,
			&r.StockTotal, &r.PriceMin, &r.PriceMax, &r.CoverImageID, &updated); err != nil {
			return page, fmt.Errorf("admin products: %w", err)
		}
		r.UpdatedAt = time.Unix(updated, 0)
		page.Rows = append(page.Rows, r)
	}
	return page, rows.Err()
}
