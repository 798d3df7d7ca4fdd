package demo

import "image/color"

// motifs draws each motif in a 100×100 space, back to front. Shapes filled
// with body=true make the silhouette (and so the shadow); the rest is detail.
var motifs = [...]func(*canvas, tones){
	motifShirt:    shirt,
	motifTee:      tee,
	motifTrousers: trousers,
	motifScarf:    scarf,
	motifHat:      hat,
	motifCup:      cup,
	motifMug:      mug,
	motifBowl:     bowl,
	motifTeapot:   teapot,
	motifLeaf:     leaves,
	motifTin:      tin,
	motifDisc:     teaCake,
	motifCandle:   candle,
	motifBoard:    board,
	motifSticks:   chopsticks,
	motifTote:     tote,
	motifWallet:   wallet,
	motifRing:     bangle,
	motifGift:     gift,
}

var (
	white  = color.RGBA{0xff, 0xff, 0xff, 0xff}
	flame  = color.RGBA{0xf2, 0xb1, 0x34, 0xff}
	ribbon = color.RGBA{0xe8, 0xc3, 0x5a, 0xff}
)

// rrect traces a rectangle with corners rounded to radius r.
func (c *canvas) rrect(x0, y0, x1, y1, r float32) {
	const k = 0.4477 // 1 - the quarter-circle control distance
	c.move(x0+r, y0)
	c.line(x1-r, y0)
	c.cube(x1-k*r, y0, x1, y0+k*r, x1, y0+r)
	c.line(x1, y1-r)
	c.cube(x1, y1-k*r, x1-k*r, y1, x1-r, y1)
	c.line(x0+r, y1)
	c.cube(x0+k*r, y1, x0, y1-k*r, x0, y1-r)
	c.line(x0, y0+r)
	c.cube(x0, y0+k*r, x0+k*r, y0, x0+r, y0)
	c.close()
}

func shirt(c *canvas, t tones) {
	c.fill(t.body, true, func() {
		c.poly(38, 18, 44, 25, 50, 29, 56, 25, 62, 18, 78, 23, 90, 56, 80, 59, 72, 38,
			72, 84, 28, 84, 28, 38, 20, 59, 10, 56, 22, 23)
	})
	c.fill(t.light, false, func() {
		c.poly(38, 18, 50, 29, 42, 31)
		c.poly(62, 18, 50, 29, 58, 31)
	})
	c.fill(t.dark, false, func() { c.rect(49.3, 29, 50.7, 84) })
	c.fill(t.light, false, func() {
		for _, y := range []float32{38, 50, 62, 74} {
			c.ellipse(50, y, 1.2, 1.2, false)
		}
	})
}

func tee(c *canvas, t tones) {
	neck := func() {
		c.move(40, 18)
		c.cube(43, 26, 57, 26, 60, 18)
	}
	c.fill(t.body, true, func() {
		neck()
		for _, p := range [][2]float32{{76, 22}, {87, 38}, {76, 44}, {71, 37}, {71, 84}, {29, 84}, {29, 37}, {24, 44}, {13, 38}, {24, 22}} {
			c.line(p[0], p[1])
		}
		c.close()
	})
	c.fill(t.dark, false, func() {
		neck()
		c.line(62, 19)
		c.cube(58, 29, 42, 29, 38, 19)
		c.close()
		c.rect(29, 81, 71, 84)
	})
}

func trousers(c *canvas, t tones) {
	c.fill(t.body, true, func() { c.poly(31, 14, 69, 14, 75, 86, 56, 86, 50, 36, 44, 86, 25, 86) })
	c.fill(t.dark, false, func() {
		c.rect(31, 14, 69, 20)
		c.poly(36, 20, 42, 20, 37, 28)
		c.poly(64, 20, 58, 20, 63, 28)
	})
}

func scarf(c *canvas, t tones) {
	c.fill(t.body, true, func() {
		c.rect(32, 10, 48, 76)
		c.poly(46, 20, 60, 16, 72, 80, 58, 84)
	})
	c.fill(t.dark, false, func() {
		c.rect(32, 60, 48, 63)
		c.rect(32, 66, 48, 68)
		c.poly(46, 20, 60, 16, 60.6, 19, 46.6, 23)
	})
	c.fill(t.body, false, func() {
		for x := float32(33); x < 47; x += 2.5 {
			c.rect(x, 76, x+1, 84)
		}
	})
}

func hat(c *canvas, t tones) {
	c.fill(t.body, true, func() { c.ellipse(50, 66, 34, 9, false) })
	c.fill(t.body, true, func() {
		c.move(32, 66)
		c.line(36, 36)
		c.cube(38, 30, 62, 30, 64, 36)
		c.line(68, 66)
		c.close()
	})
	c.fill(t.dark, false, func() { c.poly(34.5, 54, 65.5, 54, 66.3, 60, 33.7, 60) })
}

// cup is porcelain painted in the product's colour, like blue-and-white ware.
func cup(c *canvas, t tones) {
	porcelain := mix(t.light, white, 0.6)
	c.fill(porcelain, true, func() { c.ellipse(50, 76, 32, 7, false) })
	c.fill(porcelain, true, func() {
		c.move(26, 40)
		c.line(74, 40)
		c.cube(74, 62, 64, 74, 56, 74)
		c.line(44, 74)
		c.cube(36, 74, 26, 62, 26, 40)
		c.close()
	})
	c.fill(t.light, false, func() { c.ellipse(50, 40, 24, 4.5, false) })
	c.fill(t.body, false, func() {
		c.poly(26.3, 46, 73.7, 46, 73.4, 49, 26.6, 49)
		c.ring(50, 60, 6, 3.5)
		c.ellipse(37, 60, 2.2, 2.2, false)
		c.ellipse(63, 60, 2.2, 2.2, false)
	})
}

func mug(c *canvas, t tones) {
	c.fill(t.body, true, func() {
		c.ellipse(66, 56, 13, 14, false)
		c.ellipse(66, 56, 7, 8, true)
	})
	c.fill(t.body, true, func() {
		c.move(30, 32)
		c.line(66, 32)
		c.line(66, 72)
		c.cube(66, 78, 62, 80, 56, 80)
		c.line(40, 80)
		c.cube(34, 80, 30, 78, 30, 72)
		c.close()
	})
	c.fill(t.dark, false, func() { c.ellipse(48, 32, 18, 4, false) })
	c.fill(t.light, false, func() { c.rect(30, 44, 66, 47) })
}

func bowl(c *canvas, t tones) {
	c.fill(t.dark, true, func() { c.rect(42, 76, 58, 82) })
	c.fill(t.body, true, func() {
		c.move(22, 48)
		c.line(78, 48)
		c.cube(78, 68, 64, 78, 50, 78)
		c.cube(36, 78, 22, 68, 22, 48)
		c.close()
	})
	c.fill(t.dark, false, func() { c.ellipse(50, 48, 28, 5.5, false) })
	c.fill(t.light, false, func() { c.poly(22.2, 54, 77.8, 54, 77.5, 57, 22.5, 57) })
}

func teapot(c *canvas, t tones) {
	c.fill(t.body, true, func() {
		c.ellipse(27, 56, 11, 12, false)
		c.ellipse(27, 56, 6, 7, true)
		c.poly(68, 60, 84, 40, 89, 41, 78, 68)
		c.ellipse(50, 60, 25, 19, false)
	})
	c.fill(t.dark, false, func() {
		c.ellipse(50, 42, 13, 4, false)
		c.ellipse(50, 37, 3.5, 3.5, false)
	})
	c.fill(t.light, false, func() { c.ellipse(40, 54, 4, 6, false) })
}

func leaves(c *canvas, t tones) {
	type leaf struct {
		x, y, l, w, a float32
		col           color.RGBA
		vein          color.RGBA
	}
	for _, l := range []leaf{
		{30, 80, 46, 9, -1.1, t.dark, t.body},
		{24, 70, 52, 11, -0.6, t.body, t.dark},
		{34, 66, 42, 9, -0.15, t.light, t.body},
	} {
		c.fill(l.col, true, func() { c.leaf(l.x, l.y, l.l, l.w, l.a) })
		c.fill(l.vein, false, func() { c.leaf(l.x, l.y, l.l*0.92, 0.5, l.a) })
	}
}

func tin(c *canvas, t tones) {
	c.fill(t.body, true, func() {
		c.rect(33, 30, 67, 80)
		c.ellipse(50, 80, 17, 4, false)
	})
	c.fill(t.dark, false, func() {
		c.rect(33, 26, 67, 38)
		c.ellipse(50, 38, 17, 4, false)
	})
	c.fill(t.light, false, func() {
		c.ellipse(50, 26, 17, 4, false)
		c.rect(39, 50, 61, 70)
	})
	c.fill(t.body, false, func() { c.ellipse(50, 60, 5, 5, false) })
}

// teaCake is a pressed disc of pu-erh with leaves showing on its face.
func teaCake(c *canvas, t tones) {
	c.fill(t.body, true, func() { c.ellipse(50, 56, 32, 30, false) })
	c.fill(t.dark, false, func() {
		c.leaf(30, 50, 14, 3, -0.4)
		c.leaf(56, 70, 16, 3, 0.3)
		c.leaf(60, 38, 13, 3, 2.5)
		c.ellipse(50, 56, 4, 4, false)
	})
	c.fill(t.light, false, func() {
		c.leaf(38, 72, 12, 2.5, -1.2)
		c.leaf(66, 52, 12, 2.5, 1.9)
	})
}

func candle(c *canvas, t tones) {
	c.fill(mix(t.light, white, 0.5), true, func() { c.rect(33, 38, 67, 80) })
	c.fill(t.body, false, func() { c.rect(35, 46, 65, 78) })
	c.fill(t.light, false, func() {
		c.ellipse(50, 46, 15, 3, false)
		c.rect(33, 58, 67, 66)
	})
	c.fill(t.dark, false, func() { c.rect(49.4, 37, 50.6, 46) })
	c.fill(flame, false, func() {
		c.move(50, 22)
		c.cube(56, 30, 55, 37, 50, 37)
		c.cube(45, 37, 44, 30, 50, 22)
		c.close()
	})
}

func board(c *canvas, t tones) {
	c.fill(t.body, true, func() {
		c.rrect(10, 28, 74, 72, 8)
		c.rrect(70, 44, 92, 56, 4)
		c.ellipse(86, 50, 2.5, 2.5, true)
	})
	c.fill(t.dark, false, func() {
		for _, y := range []float32{38, 50, 62} {
			c.rect(16, y, 68, y+0.6)
		}
	})
}

func chopsticks(c *canvas, t tones) {
	c.fill(t.dark, true, func() { c.ellipse(58, 62, 7, 3.2, false) })
	c.fill(t.body, true, func() {
		c.poly(22, 82, 24.5, 83.5, 78, 18, 76.8, 17.3)
		c.poly(30, 86, 32.5, 87, 84, 24, 82.8, 23.3)
	})
}

func tote(c *canvas, t tones) {
	c.fill(t.body, true, func() {
		c.ellipse(50, 40, 14, 17, false)
		c.ellipse(50, 40, 10.5, 13.5, true)
		c.poly(24, 42, 76, 42, 80, 86, 20, 86)
	})
	c.fill(t.dark, false, func() { c.poly(24, 42, 76, 42, 76.4, 47, 23.6, 47) })
	c.fill(t.light, false, func() { c.ring(50, 66, 8, 5.5) })
}

func wallet(c *canvas, t tones) {
	c.fill(t.body, true, func() { c.rrect(24, 34, 76, 70, 3) })
	c.fill(t.dark, false, func() { c.poly(24.5, 36, 75.5, 36, 50, 56) })
	c.fill(t.light, false, func() { c.ellipse(50, 54, 2.5, 2.5, false) })
}

func bangle(c *canvas, t tones) {
	c.fill(t.body, true, func() { c.ring(50, 54, 28, 20) })
	c.fill(t.light, false, func() {
		c.ellipse(50, 54, 26, 26, false)
		c.ellipse(51.5, 55.5, 25.5, 25.5, true)
	})
}

func gift(c *canvas, t tones) {
	c.fill(t.body, true, func() { c.rect(27, 46, 73, 84) })
	c.fill(t.dark, true, func() { c.rect(24, 38, 76, 48) })
	c.fill(ribbon, false, func() {
		c.rect(47, 38, 53, 84)
		c.poly(50, 38, 37, 27, 35, 35)
		c.poly(50, 38, 63, 27, 65, 35)
	})
	c.fill(mix(ribbon, t.dark, 0.3), false, func() { c.ellipse(50, 38, 3, 2.5, false) })
}
