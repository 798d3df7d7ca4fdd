package store

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
)

// memberHandles lists a collection's products in order, checking that the
// stored positions are exactly 1..n.
func memberHandles(t *testing.T, s *Store, collectionID int64) []string {
	t.Helper()
	rows, err := s.read.Query(`SELECT p.handle, cp.position FROM collection_products cp
		JOIN products p ON p.id = cp.product_id WHERE cp.collection_id = ? ORDER BY cp.position`, collectionID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var h string
		var pos int
		if err := rows.Scan(&h, &pos); err != nil {
			t.Fatal(err)
		}
		out = append(out, h)
		if pos != len(out) {
			t.Errorf("%s at position %d, want %d (positions must stay dense)", h, pos, len(out))
		}
	}
	return out
}

func TestCreateAndUpdateCollection(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	actor := Actor{Email: "owner@example.com"}
	id, err := s.CreateCollection(ctx, actor, CollectionInput{Title: "  Summer Sale ", Description: "Hot days.", Featured: true, Position: 3})
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.CollectionByID(ctx, id)
	if err != nil || c.Handle != "summer-sale" || c.Title != "Summer Sale" || !c.Featured || c.Position != 3 || c.Version != 1 {
		t.Fatalf("created = %+v, %v", c, err)
	}
	var verr *ValidationError
	if _, err := s.CreateCollection(ctx, actor, CollectionInput{Title: "Again", Handle: "summer-sale"}); !errors.As(err, &verr) ||
		verr.Fields["handle"] != "error.collection_handle_taken" {
		t.Errorf("taken handle: %v", err)
	}
	if _, err := s.CreateCollection(ctx, actor, CollectionInput{Handle: "Not A Handle", Position: -1}); !errors.As(err, &verr) ||
		len(verr.Fields) != 3 {
		t.Errorf("bad input: %v", err)
	}

	edit := CollectionInput{Title: "Summer", Handle: "summer", SEOTitle: "Summer things"}
	if err := s.UpdateCollection(ctx, actor, id, 1, edit); err != nil {
		t.Fatal(err)
	}
	// A second save from the same (now stale) form is a conflict and changes nothing.
	if err := s.UpdateCollection(ctx, actor, id, 1, CollectionInput{Title: "Winter"}); !errors.Is(err, ErrConflict) {
		t.Errorf("stale save: %v", err)
	}
	if err := s.UpdateCollection(ctx, actor, 999, 1, edit); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing collection: %v", err)
	}
	c, _ = s.CollectionByID(ctx, id)
	if c.Title != "Summer" || c.Handle != "summer" || c.SEOTitle != "Summer things" || c.Featured || c.Version != 2 {
		t.Errorf("after update = %+v", c)
	}
	log, _ := s.AuditLog(ctx, AuditFilter{Entity: EntityCollection})
	if log.Total != 2 || log.Records[0].Action != ActionCollectionUpdate ||
		!strings.Contains(log.Records[0].BeforeJSON, `"title":"Summer Sale"`) || !strings.Contains(log.Records[0].AfterJSON, `"title":"Summer"`) {
		t.Errorf("audit = %+v", log.Records)
	}
}

func TestCollectionManualOrder(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	actor := Actor{Email: "owner@example.com"}
	var pid = map[string]int64{}
	for _, h := range []string{"a", "b", "c", "d"} {
		id, _, err := s.SaveProduct(ctx, ProductInput{Handle: h, Title: strings.ToUpper(h), Status: StatusActive,
			Collections: []string{"shelf"}, Variants: []VariantInput{{Price: 100}}})
		if err != nil {
			t.Fatal(err)
		}
		pid[h] = id
	}
	shelf, err := s.CollectionByHandle(ctx, "shelf")
	if err != nil {
		t.Fatal(err)
	}
	cid := shelf.ID
	// Imports leave gaps (and removed products more): the first change closes them.
	if _, err := s.write.Exec(`UPDATE collection_products SET position = position * 10 WHERE collection_id = ?`, cid); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name string
		do   func() error
		want []string
	}{
		{"c up", func() error { return s.MoveInCollection(ctx, actor, cid, pid["c"], MoveUp) }, []string{"a", "c", "b", "d"}},
		{"a up (already first)", func() error { return s.MoveInCollection(ctx, actor, cid, pid["a"], MoveUp) }, []string{"a", "c", "b", "d"}},
		{"a down", func() error { return s.MoveInCollection(ctx, actor, cid, pid["a"], MoveDown) }, []string{"c", "a", "b", "d"}},
		{"d down (already last)", func() error { return s.MoveInCollection(ctx, actor, cid, pid["d"], MoveDown) }, []string{"c", "a", "b", "d"}},
		{"d to top", func() error { return s.MoveInCollection(ctx, actor, cid, pid["d"], MoveTop) }, []string{"d", "c", "a", "b"}},
		{"remove c", func() error { return s.RemoveFromCollection(ctx, actor, cid, pid["c"]) }, []string{"d", "a", "b"}},
		{"add c back", func() error { return s.AddToCollection(ctx, actor, cid, pid["c"]) }, []string{"d", "a", "b", "c"}},
		{"add c twice", func() error { return s.AddToCollection(ctx, actor, cid, pid["c"]) }, []string{"d", "a", "b", "c"}},
	}
	for _, st := range steps {
		if err := st.do(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if got := memberHandles(t, s, cid); !slices.Equal(got, st.want) {
			t.Fatalf("after %s: %v, want %v", st.name, got, st.want)
		}
	}
	// The shop lists the collection in the same order.
	page, err := s.Products(ctx, ProductQuery{CollectionID: cid})
	if err != nil {
		t.Fatal(err)
	}
	var shop []string
	for _, c := range page.Products {
		shop = append(shop, c.Handle)
	}
	if !slices.Equal(shop, []string{"d", "a", "b", "c"}) {
		t.Errorf("shop order = %v", shop)
	}
	members, err := s.CollectionProducts(ctx, cid, 2, 3)
	if err != nil || members.Total != 4 || len(members.Products) != 1 || members.Products[0].Handle != "c" {
		t.Errorf("second page = %+v, %v", members, err)
	}

	var verr *ValidationError
	if err := s.MoveInCollection(ctx, actor, cid, pid["a"], "sideways"); !errors.As(err, &verr) {
		t.Errorf("unknown move: %v", err)
	}
	if err := s.RemoveFromCollection(ctx, actor, cid, 9999); !errors.Is(err, ErrNotFound) {
		t.Errorf("remove non-member: %v", err)
	}
	if err := s.AddToCollection(ctx, actor, cid, 9999); !errors.As(err, &verr) {
		t.Errorf("add missing product: %v", err)
	}
	if err := s.AddToCollection(ctx, actor, 9999, pid["a"]); !errors.Is(err, ErrNotFound) {
		t.Errorf("add to missing collection: %v", err)
	}
	log, _ := s.AuditLog(ctx, AuditFilter{Entity: EntityCollection})
	// Three moves, one removal and one addition changed something; the no-ops logged nothing.
	if log.Total != 5 {
		t.Errorf("audit entries = %d, want 5", log.Total)
	}
}

func TestCollectionCandidates(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	for _, p := range []ProductInput{
		{Handle: "linen-shirt", Title: "Linen Shirt", Status: StatusActive, Collections: []string{"shirts"},
			Variants: []VariantInput{{SKU: "LS-1", Price: 100}}},
		{Handle: "linen-draft", Title: "Linen 100% Draft", Status: StatusDraft, Variants: []VariantInput{{SKU: "LD_1", Price: 100}}},
		{Handle: "linen-old", Title: "Linen Old", Status: StatusArchived, Variants: []VariantInput{{Price: 100}}},
		{Handle: "tea", Title: "Tea", Status: StatusActive, Variants: []VariantInput{{SKU: "TEA-LINEN", Price: 100}}},
	} {
		if _, _, err := s.SaveProduct(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	shirts, _ := s.CollectionByHandle(ctx, "shirts")
	for q, want := range map[string][]string{
		"linen": {"linen-draft", "tea"}, // by title or SKU; members and archived left out
		"100%":  {"linen-draft"},        // % is literal
		"LD_":   {"linen-draft"},        // so is _
		"l_":    nil,
		"":      nil,
	} {
		got, err := s.CollectionCandidates(ctx, shirts.ID, q, 0)
		if err != nil {
			t.Fatal(err)
		}
		var handles []string
		for _, m := range got {
			handles = append(handles, m.Handle)
		}
		if !slices.Equal(handles, want) {
			t.Errorf("candidates for %q = %v, want %v", q, handles, want)
		}
	}
}

// TestConcurrentCollectionChangesKeepOrderDense: staff reordering one
// collection at the same time as someone takes a product out and puts it
// back never leave two products at one place or a gap.
func TestConcurrentCollectionChangesKeepOrderDense(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	handles := []string{"a", "b", "c", "d", "e", "f"}
	pid := map[string]int64{}
	for _, h := range handles {
		id, _, err := s.SaveProduct(ctx, ProductInput{Handle: h, Title: strings.ToUpper(h), Status: StatusActive,
			Collections: []string{"shelf"}, Variants: []VariantInput{{Price: 100}}})
		if err != nil {
			t.Fatal(err)
		}
		pid[h] = id
	}
	shelf, err := s.CollectionByHandle(ctx, "shelf")
	if err != nil {
		t.Fatal(err)
	}
	cid := shelf.ID
	moves := []string{MoveUp, MoveDown, MoveTop}
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for w := range 4 {
		wg.Go(func() {
			for i := range 15 {
				h := handles[(w+i)%5] // a–e: f comes and goes
				if err := s.MoveInCollection(ctx, staffActor, cid, pid[h], moves[(w*7+i)%3]); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Go(func() {
		for range 10 {
			if err := s.RemoveFromCollection(ctx, staffActor, cid, pid["f"]); err != nil {
				errs <- err
			}
			if err := s.AddToCollection(ctx, staffActor, cid, pid["f"]); err != nil {
				errs <- err
			}
		}
	})
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	got := memberHandles(t, s, cid) // checks the positions are 1..n
	slices.Sort(got)
	if !slices.Equal(got, handles) {
		t.Errorf("members = %v, want %v", got, handles)
	}
}

// TestAdminCollectionCounts: the admin's list and a collection's page count
// every member and the active ones, and follow at once a product archived,
// a product added, and the shop's own list having been read first (whose
// counts they share).
func TestAdminCollectionCounts(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	for _, p := range []ProductInput{
		{Handle: "a", Title: "A", Status: StatusActive, Collections: []string{"home"}, Variants: []VariantInput{{Price: 100}}},
		{Handle: "b", Title: "B", Status: StatusActive, Collections: []string{"home"}, Variants: []VariantInput{{Price: 100}}},
		{Handle: "c", Title: "C", Status: StatusDraft, Collections: []string{"home"}, Variants: []VariantInput{{Price: 100}}},
		{Handle: "d", Title: "D", Status: StatusActive, Variants: []VariantInput{{Price: 100}}},
	} {
		if _, _, err := s.SaveProduct(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	home, err := s.CollectionByHandle(ctx, "home")
	if err != nil {
		t.Fatal(err)
	}
	counts := func(when string, all, active int) {
		t.Helper()
		if _, err := s.Collections(ctx, false); err != nil { // the shop's list, memoized
			t.Fatal(err)
		}
		list, err := s.AdminCollections(ctx)
		if err != nil || len(list) != 1 {
			t.Fatalf("%s: %v, %v", when, list, err)
		}
		one, err := s.CollectionByID(ctx, home.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []AdminCollection{list[0], *one} {
			if c.ProductCount != all || c.ActiveCount != active {
				t.Errorf("%s: %d products, %d active; want %d, %d", when, c.ProductCount, c.ActiveCount, all, active)
			}
		}
	}
	counts("saved", 3, 2)
	a, _ := s.ProductByHandle(ctx, "a", true)
	if _, err := s.SetProductsStatus(ctx, Actor{}, []int64{a.ID}, StatusArchived); err != nil {
		t.Fatal(err)
	}
	counts("one archived", 3, 1)
	d, _ := s.ProductByHandle(ctx, "d", true)
	if err := s.AddToCollection(ctx, Actor{}, home.ID, d.ID); err != nil {
		t.Fatal(err)
	}
	counts("one added", 4, 2)
}

func TestDeleteCollection(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	actor := Actor{Email: "owner@example.com"}
	tea, err := s.CreateCollection(ctx, actor, CollectionInput{Title: "Tea", Featured: true,
		Tr: Texts{}.Set(FieldTitle, "zh", "茶")})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []ProductInput{
		{Handle: "oolong", Title: "Oolong", Status: StatusActive, Collections: []string{"tea", "gifts"}, Variants: []VariantInput{{Price: 100}}},
		{Handle: "puer", Title: "Puer", Status: StatusActive, Collections: []string{"tea"}, Variants: []VariantInput{{Price: 100}}},
	} {
		if _, _, err := s.SaveProduct(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Collections(ctx, false); err != nil { // the shop's list, memoized
		t.Fatal(err)
	}

	// A promotion naming it, to cover or to leave out, holds it back.
	target := addPromo(t, s, map[string]any{"name": "Tea week", "value": 1000, "rules": `{"collections":[` + itoa(tea) + `]}`})
	except := addPromo(t, s, map[string]any{"name": "All but tea", "value": 500, "rules": `{"exclude_collections":[` + itoa(tea) + `]}`})
	addPromo(t, s, map[string]any{"name": "Everything", "value": 500})
	if err := s.DeleteCollection(ctx, actor, tea); !errors.Is(err, ErrCollectionInUse) || !errors.Is(err, ErrConflict) {
		t.Fatalf("delete while promotions name it: %v", err)
	}
	uses, err := s.CollectionUses(ctx, tea)
	if err != nil || len(uses.Promotions) != 2 || uses.Promotions[0] != (PromotionRef{target, "Tea week"}) ||
		uses.Promotions[1].ID != except || uses.HeroLink {
		t.Fatalf("uses = %+v, %v", uses, err)
	}
	for _, id := range []int64{target, except} {
		if err := s.ArchivePromotion(ctx, actor, id); err != nil {
			t.Fatal(err)
		}
	}
	// So does the home page's button leading to it.
	if err := s.SaveHero(ctx, actor, 1, HeroInput{CTALabel: "Shop tea", CTAURL: "/zh-cn/collections/tea?sort=new"}); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteCollection(ctx, actor, tea); !errors.Is(err, ErrCollectionInUse) {
		t.Fatalf("delete while the hero links to it: %v", err)
	}
	if uses, _ := s.CollectionUses(ctx, tea); !uses.HeroLink || len(uses.Promotions) != 0 {
		t.Errorf("uses with archived promotions and the hero link = %+v", uses)
	}
	if err := s.SaveHero(ctx, actor, 2, HeroInput{CTALabel: "Shop", CTAURL: "/collections/gifts"}); err != nil {
		t.Fatal(err)
	}

	if err := s.DeleteCollection(ctx, actor, tea); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CollectionByID(ctx, tea); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleted collection: %v", err)
	}
	if _, err := s.CollectionByHandle(ctx, "tea"); !errors.Is(err, ErrNotFound) {
		t.Errorf("the shop still finds it: %v", err)
	}
	// The products stay, in their other collections.
	oolong, err := s.ProductByHandle(ctx, "oolong", false)
	if err != nil || len(oolong.Collections) != 1 || oolong.Collections[0].Handle != "gifts" {
		t.Errorf("oolong after = %+v, %v", oolong, err)
	}
	if puer, err := s.ProductByHandle(ctx, "puer", false); err != nil || len(puer.Collections) != 0 {
		t.Errorf("puer after = %+v, %v", puer, err)
	}
	entries, _ := s.SitemapEntries(ctx)
	for _, e := range entries {
		if e.Handle == "tea" {
			t.Error("the sitemap still lists it")
		}
	}
	var texts int
	if err := s.read.QueryRow(`SELECT count(*) FROM translations WHERE entity = ? AND entity_id = ?`,
		EntityCollectionText, tea).Scan(&texts); err != nil || texts != 0 {
		t.Errorf("%d translations left, %v", texts, err)
	}
	log, _ := s.AuditLog(ctx, AuditFilter{Entity: EntityCollection})
	if log.Records[0].Action != ActionCollectionDelete || log.Records[0].StaffEmail != actor.Email ||
		!strings.Contains(log.Records[0].BeforeJSON, `"title":"Tea"`) || !strings.Contains(log.Records[0].BeforeJSON, `"products":2`) {
		t.Errorf("audit = %+v", log.Records[0])
	}
	if err := s.DeleteCollection(ctx, actor, tea); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleting it again: %v", err)
	}

	// An archived promotion of it, duplicated, shows the collection that
	// went as "#id" and refuses to be saved so: dropped from the form
	// without a word, "Tea week" was saved again as a sale of everything.
	copyID, err := s.DuplicatePromotion(ctx, actor, target, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	dup, err := s.PromotionByID(ctx, copyID)
	if err != nil {
		t.Fatal(err)
	}
	in, err := s.PromotionInputOf(ctx, dup)
	if err != nil || in.Collections != "#"+itoa(tea) {
		t.Fatalf("the copy's collections read %q, %v", in.Collections, err)
	}
	var verr *ValidationError
	if err := s.UpdatePromotion(ctx, actor, copyID, dup.Version, in); !errors.As(err, &verr) ||
		verr.Fields["collections"] != "admin.promotions.error.deleted_target" {
		t.Errorf("saving the copy as shown: %v", err)
	}
}

func TestLinksToCollection(t *testing.T) {
	for _, c := range []struct {
		link, shop string
		want       bool
	}{
		{"/collections/tea", "", true},
		{"/collections/tea/", "", true},
		{"/collections/tea?sort=price#top", "", true},
		{"/zh-cn/collections/tea", "", true},
		{"https://shop.example.com/collections/tea", "https://shop.example.com", true},
		{"https://SHOP.example.com/en/collections/tea", "https://shop.example.com/", true},
		{"https://other.example.com/collections/tea", "https://shop.example.com", false},
		{"https://shop.example.com/collections/tea", "", false},
		{"/collections/tea-time", "", false},
		{"/collections/green-tea", "", false},
		{"/products/tea", "", false},
		{"/a/b/collections/tea", "", false},
		{"", "", false},
	} {
		if got := linksToCollection(c.link, "tea", c.shop); got != c.want {
			t.Errorf("linksToCollection(%q, tea, %q) = %v, want %v", c.link, c.shop, got, c.want)
		}
	}
}
