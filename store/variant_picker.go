package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// The product page offers one control per option (Size, then Colour), the
// way shoppers know it from other shops. Options are read in order: a
// value of a later option is offered in the light of the values chosen
// for the options before it, so "M" then "Red" is judged as the variant
// M / Red, and "Red" on its own is judged by whether any M variant is red.

// VariantForAdd is the variant an add-to-cart form means when it posts
// the option values the shopper chose (values, in the default language)
// beside variantID, the variant the page showed: the variant of the same
// product with exactly those values. Without JavaScript the two differ
// when the shopper changed a pill and did not press Update, and the
// options win. A combination the product does not make, or a product no
// longer sold, is a validation error on variant_id; a sold-out one is
// found, for AddToCart to refuse with its own message.
func (s *Store) VariantForAdd(ctx context.Context, variantID int64, values [3]string) (int64, error) {
	unavailable := &ValidationError{Fields: map[string]string{"variant_id": "error.variant_unavailable"}}
	var handle string
	err := s.queryRow(ctx, `SELECT p.handle FROM variants v JOIN products p ON p.id = v.product_id WHERE v.id = ?`, variantID).Scan(&handle)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, unavailable
	}
	if err != nil {
		return 0, fmt.Errorf("variant %d: %w", variantID, err)
	}
	p, err := s.ProductByHandle(ctx, handle, false)
	if errors.Is(err, ErrNotFound) {
		return 0, unavailable
	}
	if err != nil {
		return 0, err
	}
	for _, v := range p.Variants {
		if v.Options == values {
			return v.ID, nil
		}
	}
	return 0, &ValidationError{Fields: map[string]string{"variant_id": "picker.add_unavailable"}}
}

// OptionChoice is one value of one option as the picker shows it.
type OptionChoice struct {
	// Value is what the picker submits: the value in the shop's default
	// language, so that a link with it means the same in every language.
	Value string
	// Label is the value as the shopper reads it (Product.In).
	Label    string
	Selected bool
	// Exists is false when no variant combines this value with the values
	// chosen for the options before it: the combination is not sold at all.
	Exists bool
	// Available is true when one such variant is in stock.
	Available bool
}

// OptionGroup is one option of a product (Size) with every value its
// variants have, in the order they first appear.
type OptionGroup struct {
	Index   int    // 0, 1 or 2: the variant's Options slot
	Name    string // the product's name for the option; may be empty
	Choices []OptionChoice
}

// OptionCount is how many options the product's variants are told apart
// by: its named options, or more when variants carry values in slots the
// product has not named (an import can leave names out).
func (p *Product) OptionCount() int {
	n := len(p.OptionNames)
	for _, v := range p.Variants {
		for i := len(v.Options) - 1; i >= n; i-- {
			if v.Options[i] != "" {
				n = i + 1
				break
			}
		}
	}
	return n
}

// OptionGroups lays out the picker for p (in the shop's default language)
// with selected, one of p's variants, chosen; names and labels come from
// local, p in the shopper's language (p.In), or from p when local is nil.
// A product whose one variant has no options needs no picker: it has none.
func (p *Product) OptionGroups(selected Variant, local *Product) []OptionGroup {
	n := p.OptionCount()
	if n == 0 {
		return nil
	}
	if local == nil || len(local.Variants) != len(p.Variants) {
		local = p
	}
	groups := make([]OptionGroup, n)
	for i := range groups {
		groups[i].Index = i
		if i < len(local.OptionNames) {
			groups[i].Name = local.OptionNames[i]
		}
		seen := map[string]int{}
		for k, v := range p.Variants {
			value := v.Options[i]
			at, ok := seen[value]
			if !ok {
				at = len(groups[i].Choices)
				seen[value] = at
				groups[i].Choices = append(groups[i].Choices, OptionChoice{
					Value: value, Label: local.Variants[k].Options[i], Selected: value == selected.Options[i]})
			}
			if !matchesPrefix(v, selected.Options, i) {
				continue
			}
			c := &groups[i].Choices[at]
			c.Exists = true
			c.Available = c.Available || v.Available()
		}
	}
	return groups
}

// VariantForOptions finds the variant a shopper means by option values
// (missing ones empty). The exact combination wins, even sold out, so the
// page can say so. A combination that does not exist falls back to the
// variants that share the longest run of leading values, preferring one
// in stock and then one keeping most of the later values: picking another
// Size keeps the Colour when that Size comes in it. ok is false when a
// value is not one any variant has, a link to nothing.
func (p *Product) VariantForOptions(values [3]string) (v Variant, ok bool) {
	n := p.OptionCount()
	for i, value := range values {
		if value == "" {
			continue
		}
		if i >= n || !p.hasOptionValue(i, value) {
			return Variant{}, false
		}
	}
	best, bestScore := -1, -1
	for k, cand := range p.Variants {
		prefix := 0
		for prefix < n && cand.Options[prefix] == values[prefix] {
			prefix++
		}
		if prefix == n {
			return cand, true
		}
		later := 0
		for i := prefix + 1; i < n; i++ {
			if values[i] != "" && cand.Options[i] == values[i] {
				later++
			}
		}
		// Leading matches count most, then stock, then later matches
		// (at most two, so they never outweigh stock).
		score := prefix*100 + later
		if cand.Available() {
			score += 10
		}
		if score > bestScore {
			best, bestScore = k, score
		}
	}
	if best < 0 {
		return Variant{}, len(p.Variants) == 0
	}
	return p.Variants[best], true
}

func (p *Product) hasOptionValue(i int, value string) bool {
	for _, v := range p.Variants {
		if v.Options[i] == value {
			return true
		}
	}
	return false
}

// matchesPrefix reports whether v has the values of chosen for every
// option before i.
func matchesPrefix(v Variant, chosen [3]string, i int) bool {
	for j := 0; j < i; j++ {
		if v.Options[j] != chosen[j] {
			return false
		}
	}
	return true
}
