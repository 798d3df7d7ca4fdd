package shopifycsv

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// countingReader tells how far the file has been read.
type countingReader struct {
	io.ReadSeeker
	read int64
}

func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.ReadSeeker.Read(b)
	c.read += int64(n)
	return n, err
}

// productRows is a product of two variants with a description long enough
// that a few hundred of them make a file read in many pieces.
func productRows(handle string) []string {
	body := strings.Repeat("<p>Linen woven in Lithuania.</p>", 20)
	return []string{
		fmt.Sprintf("%s,Shirt %s,%s,Size,S,%s-S,10.00,3,,", handle, handle, body, handle),
		fmt.Sprintf("%s,,,,M,%s-M,11.00,4,,", handle, handle),
	}
}

// TestEachHandsProductsOverAsTheyAreRead: a product goes to the caller
// once its last row is read, not once the whole file is, in the order its
// handle first appears, whether or not its rows are next to each other.
func TestEachHandsProductsOverAsTheyAreRead(t *testing.T) {
	var handles []string
	var together []string // each product's rows next to each other
	for i := range 300 {
		h := fmt.Sprintf("p%03d", i)
		handles = append(handles, h)
		together = append(together, productRows(h)...)
	}
	file := hdr + strings.Join(together, "\n") + "\n"

	r := &countingReader{ReadSeeker: strings.NewReader(file)}
	f, err := Open(r, 2)
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Handles(); got != 300 {
		t.Fatalf("Handles() = %d, want 300", got)
	}
	r.read = 0
	var got []string
	var readAt []int64 // how much of the file was read when each product went
	problems, err := f.Each(func(p Product) error {
		got = append(got, p.Input.Handle)
		readAt = append(readAt, r.read)
		return nil
	})
	if err != nil || len(problems) > 0 {
		t.Fatalf("Each: %v, problems %v", err, problems)
	}
	if !slices.Equal(got, handles) {
		t.Fatalf("products in order %v…, want %v…", got[:5], handles[:5])
	}
	if size := int64(len(file)); readAt[0] > size/10 || readAt[150] > size*6/10 {
		t.Errorf("the first product went after %d of %d bytes and the 151st after %d: not as they were read", readAt[0], size, readAt[150])
	}
	// Each reads the file again, whole, however often it is asked.
	n := 0
	f.Each(func(Product) error { n++; return nil })
	if n != 300 {
		t.Fatalf("Each again: %d products, want 300", n)
	}

	// The same rows with one product's second row moved to the end: that
	// product and every one after it wait for it, and each is the same.
	apart := slices.Clone(together)
	moved := apart[3]
	apart = append(slices.Delete(apart, 3, 4), moved)
	want, _, err := Parse(strings.NewReader(file), 2)
	if err != nil {
		t.Fatal(err)
	}
	r = &countingReader{ReadSeeker: strings.NewReader(hdr + strings.Join(apart, "\n") + "\n")}
	if f, err = Open(r, 2); err != nil {
		t.Fatal(err)
	}
	r.read, got, readAt = 0, nil, nil
	var i int
	if _, err := f.Each(func(p Product) error {
		if !reflect.DeepEqual(p.Input, want[i].Input) {
			t.Errorf("product %d = %+v, want %+v", i, p.Input, want[i].Input)
		}
		got = append(got, p.Input.Handle)
		readAt = append(readAt, r.read)
		i++
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, handles) {
		t.Fatalf("products in order %v…, want %v…", got[:5], handles[:5])
	}
	if readAt[0] > int64(len(file))/10 || readAt[1] < int64(len(file))*9/10 {
		t.Errorf("the first product went after %d bytes, the second after %d of %d: want the second to wait for its last row", readAt[0], readAt[1], len(file))
	}
}

// TestEachStopsAtTheCallersError: an import that is interrupted stops
// reading, and says why.
func TestEachStopsAtTheCallersError(t *testing.T) {
	file := hdr + strings.Join(slices.Concat(productRows("a"), productRows("b"), productRows("c")), "\n") + "\n"
	f, err := Open(strings.NewReader(file), 2)
	if err != nil {
		t.Fatal(err)
	}
	stop := fmt.Errorf("interrupted")
	var got []string
	_, err = f.Each(func(p Product) error {
		got = append(got, p.Input.Handle)
		if len(got) == 2 {
			return stop
		}
		return nil
	})
	if err != stop || !slices.Equal(got, []string{"a", "b"}) {
		t.Fatalf("Each = %v after %v, want %v after [a b]", err, got, stop)
	}
}

// TestEachAfterTheFileChanged: a file rewritten between the two readings
// gives no product twice and says which rows it left out.
func TestEachAfterTheFileChanged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "products.csv")
	write := func(rows ...[]string) {
		if err := os.WriteFile(path, []byte(hdr+strings.Join(slices.Concat(rows...), "\n")+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(productRows("a"), productRows("b"), productRows("c"))
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	f, err := Open(fh, 2)
	if err != nil {
		t.Fatal(err)
	}
	// a gains a row, b loses one, d is new.
	write(productRows("a"), []string{"a,,,,L,a-L,12.00,1,,"}, productRows("b")[:1], productRows("c"), productRows("d"))

	var got []string
	problems, err := f.Each(func(p Product) error {
		got = append(got, fmt.Sprintf("%s:%d", p.Input.Handle, len(p.Input.Variants)))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"a:2", "b:1", "c:2"}; !slices.Equal(got, want) {
		t.Errorf("products %v, want %v", got, want)
	}
	if got, want := lines(problems), []int{4, 8, 9}; !slices.Equal(got, want) {
		t.Errorf("problems on lines %v, want %v: %v", got, want, problems)
	}
	for _, p := range problems {
		if !strings.Contains(p.Reason, "changed") {
			t.Errorf("problem %v does not say the file changed", p)
		}
	}
}

// TestOpenRefusesAPipe: a pipe cannot be read twice, and the merchant is
// told so before anything is imported.
func TestOpenRefusesAPipe(t *testing.T) {
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	go func() {
		io.WriteString(pw, hdr+strings.Join(productRows("a"), "\n")+"\n")
		pw.Close()
	}()
	if _, err := Open(pr, 2); err == nil || !strings.Contains(err.Error(), "pipe") {
		t.Fatalf("Open(pipe) = %v, want an error naming the pipe", err)
	}
}

// TestEachKeepsNoRowOfAProductThatWent: what the parser keeps of a product
// it handed over (its handle, its SKUs) must not keep the row it came from,
// or a large catalog takes the memory of its whole file again.
func TestEachKeepsNoRowOfAProductThatWent(t *testing.T) {
	const products, bodyBytes = 2000, 16 << 10
	path := filepath.Join(t.TempDir(), "products.csv")
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	body := strings.Repeat("x", bodyBytes)
	io.WriteString(out, hdr)
	for i := range products {
		fmt.Fprintf(out, "p%d,Product %d,%s,Size,S,SKU-%d,1.00,1,,\n", i, i, body, i)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()

	heap := func() int64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return int64(m.HeapAlloc)
	}
	before := heap()
	f, err := Open(fh, 2)
	if err != nil {
		t.Fatal(err)
	}
	var kept int64
	n := 0
	if _, err := f.Each(func(p Product) error {
		if n++; n == products {
			kept = heap() - before
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	// The file is 32 MB; its handles and SKUs are 30 kB.
	if limit := int64(products * bodyBytes / 8); kept > limit {
		t.Errorf("the parser keeps %d kB once every product went, want under %d kB", kept>>10, limit>>10)
	}
}
