package shopifycsv

import (
	"bytes"
	"os"
	"testing"
)

// FuzzParse feeds Parse arbitrary files: it must never panic, and whatever
// it returns must be a product the store accepts.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"classic.csv", "newer.csv"} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, uint8(2))
	}
	for _, s := range []string{
		"",
		"Handle\n",
		"\uFEFFHandle,Title,Variant Price\r\na,A,1\r\n",
		hdr + "a,A,,Size,S,A-S,1.00,1,,\na,,,,M,A-M,abc,1,,\n",
		hdr + "a,A,\"<p>x\n</p>\",Title,Default Title,,1,-2,http://x/1.jpg,2\na,,,,,,,,http://x/1.jpg,1\n",
		hdr + "a,\"A\"b,,,,,1,,,\n",
		hdr + "a,A,,,,,1\n,,,\nb,B\n",
		hdr + "a,A,,Size,S,X,1,1,,\nb,B,,Size,S,X,1,1,,\n",
		"Handle,Title,Variant Price,Variant Weight,Variant Weight Unit,Variant Image\na,A,1,2,lb,http://x/v.jpg\n",
		"URL handle,Title,Price,Option1 name,Option1 value,Option2 value,Option3 name,Option3 value\na,A,1,Size,S,,Fit,Slim\na,,2,,M,Red,,Slim\n",
		"Handle,Title,Status,Published,Variant Price\na,A,,FALSE,1\nb,B,Archived,,1\nc,C,weird,,1\n",
		"Handle,Title,Variant Price\n\xff\xfe,A,1\nb,\xc3\x28,1\n",
		"Handle,Title,Variant Price\n" + "\"unterminated,A,1\n",
	} {
		f.Add([]byte(s), uint8(2))
	}
	f.Add([]byte(hdr+"a,A,,,,,1200,1,,\n"), uint8(0))

	f.Fuzz(func(t *testing.T, data []byte, exp uint8) {
		products, problems, err := Parse(bytes.NewReader(data), int(exp%4))
		if err != nil {
			if len(products) != 0 || len(problems) != 0 {
				t.Fatalf("error %v with %d products and %d problems", err, len(products), len(problems))
			}
			return
		}
		handles := map[string]bool{}
		for _, p := range products {
			in := p.Input
			if err := in.Validate(); err != nil {
				t.Fatalf("product %q does not validate: %v", in.Handle, err)
			}
			if handles[in.Handle] {
				t.Fatalf("handle %q returned twice", in.Handle)
			}
			handles[in.Handle] = true
			if len(p.ImageURLs) != len(in.Images) || len(p.ImageAlts) != len(in.Images) {
				t.Fatalf("%q: %d URLs, %d alts, %d images", in.Handle, len(p.ImageURLs), len(p.ImageAlts), len(in.Images))
			}
			for i, im := range in.Images {
				if im.SourceURL != p.ImageURLs[i] || im.SourceURL == "" || im.Data != nil {
					t.Fatalf("%q image %d = %+v, want %q", in.Handle, i, im, p.ImageURLs[i])
				}
			}
			if p.FirstLine < 2 {
				t.Fatalf("%q: FirstLine %d", in.Handle, p.FirstLine)
			}
		}
		for _, pr := range problems {
			if pr.Line < 1 || pr.Reason == "" {
				t.Fatalf("problem %+v", pr)
			}
		}
	})
}
