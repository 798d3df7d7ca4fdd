package demo

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"math"

	"golang.org/x/image/vector"
)

// imageEdge is the side of a generated image: enough for a product page,
// small enough that SaveProduct's re-encoding keeps Seed within seconds.
const imageEdge = 800

// motif is the picture drawn for a kind of product.
type motif int

const (
	motifShirt motif = iota
	motifTee
	motifTrousers
	motifScarf
	motifHat
	motifCup
	motifMug
	motifBowl
	motifTeapot
	motifLeaf
	motifTin
	motifDisc
	motifCandle
	motifBoard
	motifSticks
	motifTote
	motifWallet
	motifRing
	motifGift
)

// palette names every colour the catalog uses, both for colour variants and
// for products that come in one colour, so that a variant's picture matches
// the option a shopper picks.
var palette = map[string]color.RGBA{
	"White":      {0xf3, 0xf0, 0xe8, 0xff},
	"Black":      {0x2a, 0x2a, 0x2e, 0xff},
	"Indigo":     {0x3a, 0x4a, 0x7c, 0xff},
	"Sage":       {0x9a, 0xad, 0x8a, 0xff},
	"Terracotta": {0xbf, 0x69, 0x44, 0xff},
	"Charcoal":   {0x48, 0x4c, 0x52, 0xff},
	"Oat":        {0xd8, 0xc8, 0xa6, 0xff},
	"Navy":       {0x26, 0x35, 0x5a, 0xff},
	"Olive":      {0x6d, 0x6f, 0x3c, 0xff},
	"Sand":       {0xd6, 0xbf, 0x98, 0xff},
	"Peony":      {0xc8, 0x4a, 0x5e, 0xff},
	"Sky":        {0x8f, 0xbc, 0xdb, 0xff},
	"Cream":      {0xef, 0xe6, 0xd2, 0xff},
	"Slate":      {0x5c, 0x6b, 0x78, 0xff},
	"Celadon":    {0x9f, 0xc5, 0xa8, 0xff},
	"Cobalt":     {0x1f, 0x4e, 0xa3, 0xff},
	"Ash":        {0xb9, 0xb4, 0xab, 0xff},
	"Amber":      {0xd9, 0x96, 0x3a, 0xff},
	"Bamboo":     {0xc9, 0xa8, 0x62, 0xff},
	"Walnut":     {0x6b, 0x46, 0x2e, 0xff},
	"Iron":       {0x3d, 0x3b, 0x3a, 0xff},
	"Tea Green":  {0x6e, 0x8f, 0x3e, 0xff},
	"Jade":       {0x4f, 0x9a, 0x7a, 0xff},
	"Pu-erh":     {0x5a, 0x3a, 0x26, 0xff},
	"Jasmine":    {0xe9, 0xe2, 0xb8, 0xff},
	"Silver":     {0xbf, 0xc3, 0xc2, 0xff},
	"Smoke":      {0x5e, 0x52, 0x4a, 0xff},
	"Zisha":      {0x8a, 0x4b, 0x38, 0xff},
	"Natural":    {0xe4, 0xd8, 0xbf, 0xff},
	"Camel":      {0xc1, 0x95, 0x62, 0xff},
	"Grey":       {0x9b, 0x9d, 0x9f, 0xff},
	"Burgundy":   {0x7a, 0x24, 0x35, 0xff},
	"Tan":        {0xb5, 0x80, 0x4f, 0xff},
	"Blush":      {0xe7, 0xb3, 0xb0, 0xff},
	"Vermilion":  {0xc6, 0x32, 0x2a, 0xff},
	"Gold":       {0xc9, 0xa2, 0x3f, 0xff},
}

// backdrops are soft two-colour gradients behind the product; any product
// colour reads well on all of them thanks to the drop shadow.
var backdrops = [][2]color.RGBA{
	{{0xf6, 0xee, 0xe3, 0xff}, {0xe8, 0xd9, 0xc4, 0xff}}, // sand
	{{0xe9, 0xf1, 0xf4, 0xff}, {0xcb, 0xdc, 0xe4, 0xff}}, // mist
	{{0xf8, 0xe9, 0xe6, 0xff}, {0xe9, 0xcc, 0xc6, 0xff}}, // blush
	{{0xeb, 0xf2, 0xe6, 0xff}, {0xd0, 0xdf, 0xc7, 0xff}}, // mint
	{{0xef, 0xec, 0xf5, 0xff}, {0xd8, 0xd2, 0xe6, 0xff}}, // lavender
	{{0xef, 0xef, 0xec, 0xff}, {0xd6, 0xd5, 0xcf, 0xff}}, // stone
}

// view frames a motif: the first image shows the whole product, later ones
// a close-up and a smaller, offset shot, so a gallery does not repeat itself.
type view struct {
	scale, dx, dy float32
	note, noteZH  string // added to the image's alt text in English and in Chinese
}

var views = []view{{1, 0, 0, "", ""}, {1.45, 8, 10, ", close-up", "（特写）"}, {0.8, -6, 6, ", seen from further back", "（远景）"}}

// tones are the shades a motif is painted in, all derived from one colour.
type tones struct{ body, dark, light color.RGBA }

func tonesOf(c color.RGBA) tones {
	return tones{body: c, dark: mix(c, color.RGBA{0, 0, 0, 0xff}, 0.3), light: mix(c, color.RGBA{0xff, 0xff, 0xff, 0xff}, 0.55)}
}

func mix(a, b color.RGBA, t float64) color.RGBA {
	f := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*(1-t) + float64(y)*t)) }
	return color.RGBA{f(a.R, b.R), f(a.G, b.G), f(a.B, b.B), 0xff}
}

// renderImage draws m in the named colour, framed by v on the n-th backdrop,
// and returns it as JPEG bytes.
func renderImage(m motif, colour string, backdrop int, v view) ([]byte, error) {
	c, ok := palette[colour]
	if !ok {
		return nil, fmt.Errorf("no colour %q in the palette", colour)
	}
	bg := backdrops[backdrop%len(backdrops)]

	img := image.NewRGBA(image.Rect(0, 0, imageEdge, imageEdge))
	gradient(img, bg[0], bg[1])
	cv := &canvas{img: img, z: &vector.Rasterizer{}, v: v}
	draw := motifs[m]
	// The shadow is the motif itself, offset and translucent: one drawing
	// gives both, and the shape stays legible on any backdrop.
	cv.shadow = true
	draw(cv, tonesOf(c))
	cv.shadow = false
	draw(cv, tonesOf(c))

	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 88}); err != nil {
		return nil, fmt.Errorf("encode demo image: %w", err)
	}
	return buf.Bytes(), nil
}

// gradient fills img from top to bottom, one row at a time, since every
// pixel of a row has the same colour.
func gradient(img *image.RGBA, top, bottom color.RGBA) {
	w := img.Bounds().Dx()
	for y := range img.Bounds().Dy() {
		c := mix(top, bottom, float64(y)/float64(img.Bounds().Dy()-1))
		row := img.Pix[y*img.Stride : y*img.Stride+4*w]
		for x := 0; x < len(row); x += 4 {
			row[x], row[x+1], row[x+2], row[x+3] = c.R, c.G, c.B, c.A
		}
	}
}

// canvas draws in a 100×100 unit space so that motifs read like sketches on
// graph paper; the view and the shadow offset are applied here.
type canvas struct {
	img    *image.RGBA
	z      *vector.Rasterizer
	v      view
	shadow bool
	path   []segment
}

// segment is one step of a path in pixels. Paths are recorded before they
// are rasterized so that fill can rasterize only their bounding box: most
// shapes are small, and a full-canvas pass per shape was most of the cost.
type segment struct {
	kind byte // 'M'ove, 'L'ine, 'C'ubic or 'Z' to close
	p    [6]float32
}

// points is how many points of p the segment uses.
func (s segment) points() int {
	switch s.kind {
	case 'M', 'L':
		return 1
	case 'C':
		return 3
	}
	return 0
}

func (c *canvas) pt(x, y float32) (float32, float32) {
	if c.shadow {
		x, y = x+1.6, y+2.2
	}
	x = (x-50)*c.v.scale + 50 + c.v.dx
	y = (y-50)*c.v.scale + 50 + c.v.dy
	return x * imageEdge / 100, y * imageEdge / 100
}

func (c *canvas) move(x, y float32) {
	x, y = c.pt(x, y)
	c.path = append(c.path, segment{kind: 'M', p: [6]float32{x, y}})
}

func (c *canvas) line(x, y float32) {
	x, y = c.pt(x, y)
	c.path = append(c.path, segment{kind: 'L', p: [6]float32{x, y}})
}

func (c *canvas) cube(x1, y1, x2, y2, x3, y3 float32) {
	x1, y1 = c.pt(x1, y1)
	x2, y2 = c.pt(x2, y2)
	x3, y3 = c.pt(x3, y3)
	c.path = append(c.path, segment{kind: 'C', p: [6]float32{x1, y1, x2, y2, x3, y3}})
}

func (c *canvas) close() { c.path = append(c.path, segment{kind: 'Z'}) }

// fill paints the shape that path traced. Only the body casts a shadow:
// details drawn on it would only muddy it.
func (c *canvas) fill(col color.RGBA, body bool, path func()) {
	if c.shadow && !body {
		return
	}
	if c.shadow {
		col = color.RGBA{0x20, 0x18, 0x10, 0x30}
	}
	c.path = c.path[:0]
	path()
	r := c.bounds()
	if r.Empty() {
		return
	}
	c.z.Reset(r.Dx(), r.Dy())
	ox, oy := float32(r.Min.X), float32(r.Min.Y)
	for _, s := range c.path {
		p := s.p
		switch s.kind {
		case 'M':
			c.z.MoveTo(p[0]-ox, p[1]-oy)
		case 'L':
			c.z.LineTo(p[0]-ox, p[1]-oy)
		case 'C':
			c.z.CubeTo(p[0]-ox, p[1]-oy, p[2]-ox, p[3]-oy, p[4]-ox, p[5]-oy)
		case 'Z':
			c.z.ClosePath()
		}
	}
	c.z.Draw(c.img, r, image.NewUniform(col), image.Point{})
}

// bounds is the pixel rectangle that holds the recorded path (control
// points included, so it may be a little generous), clipped to the image.
func (c *canvas) bounds() image.Rectangle {
	x0, y0 := float32(math.Inf(1)), float32(math.Inf(1))
	x1, y1 := float32(math.Inf(-1)), float32(math.Inf(-1))
	for _, s := range c.path {
		for i := range s.points() {
			x0, x1 = min(x0, s.p[2*i]), max(x1, s.p[2*i])
			y0, y1 = min(y0, s.p[2*i+1]), max(y1, s.p[2*i+1])
		}
	}
	if x0 > x1 {
		return image.Rectangle{}
	}
	r := image.Rect(int(math.Floor(float64(x0))), int(math.Floor(float64(y0))),
		int(math.Ceil(float64(x1)))+1, int(math.Ceil(float64(y1)))+1)
	return r.Intersect(c.img.Bounds())
}

// poly traces a closed polygon from x,y pairs.
func (c *canvas) poly(xy ...float32) {
	c.move(xy[0], xy[1])
	for i := 2; i+1 < len(xy); i += 2 {
		c.line(xy[i], xy[i+1])
	}
	c.close()
}

func (c *canvas) rect(x0, y0, x1, y1 float32) { c.poly(x0, y0, x1, y0, x1, y1, x0, y1) }

// ellipse traces an ellipse with four Bézier arcs; reverse winds it the
// other way, which cuts a hole in a shape traced in the same fill.
func (c *canvas) ellipse(cx, cy, rx, ry float32, reverse bool) {
	const k = 0.5523 // control distance for a quarter circle
	if reverse {
		ry = -ry
	}
	c.move(cx+rx, cy)
	c.cube(cx+rx, cy+k*ry, cx+k*rx, cy+ry, cx, cy+ry)
	c.cube(cx-k*rx, cy+ry, cx-rx, cy+k*ry, cx-rx, cy)
	c.cube(cx-rx, cy-k*ry, cx-k*rx, cy-ry, cx, cy-ry)
	c.cube(cx+k*rx, cy-ry, cx+rx, cy-k*ry, cx+rx, cy)
	c.close()
}

func (c *canvas) ring(cx, cy, r, inner float32) {
	c.ellipse(cx, cy, r, r, false)
	c.ellipse(cx, cy, inner, inner, true)
}

// leaf traces a pointed leaf of length l from (x, y) at angle a (radians).
func (c *canvas) leaf(x, y, l, w, a float32) {
	sin, cos := float32(math.Sin(float64(a))), float32(math.Cos(float64(a)))
	at := func(u, v float32) (float32, float32) { return x + u*cos - v*sin, y + u*sin + v*cos }
	c.move(at(0, 0))
	ax, ay := at(l*0.3, -w)
	bx, by := at(l*0.75, -w*0.8)
	ex, ey := at(l, 0)
	c.cube(ax, ay, bx, by, ex, ey)
	ax, ay = at(l*0.75, w*0.8)
	bx, by = at(l*0.3, w)
	ex, ey = at(0, 0)
	c.cube(ax, ay, bx, by, ex, ey)
}
