package org.peft4j.embedded;

/**
 * Unit outlines drawn by the generators, tested in local coordinates (u right, v down) where the
 * glyph fits the unit disc (up to {@link #REACH}). The first six are the downstream object classes,
 * the rest appear only in the upstream (pretraining) set.
 */
enum Glyph {
    /** Disc of radius 0.9. */
    CIRCLE {
        @Override
        boolean contains(double u, double v) {
            return u * u + v * v <= 0.81;
        }
    },
    /** Axis-aligned square of half side 0.72. */
    SQUARE {
        @Override
        boolean contains(double u, double v) {
            return Math.abs(u) <= 0.72 && Math.abs(v) <= 0.72;
        }
    },
    /** Equilateral triangle inscribed in the unit circle. */
    TRIANGLE {
        @Override
        boolean contains(double u, double v) {
            return Polygon.TRIANGLE.contains(u, v);
        }
    },
    /** Plus sign with arms of half width 0.28. */
    PLUS {
        @Override
        boolean contains(double u, double v) {
            double au = Math.abs(u);
            double av = Math.abs(v);
            return au <= 0.28 && av <= 0.95 || av <= 0.28 && au <= 0.95;
        }
    },
    /** Annulus between radii 0.55 and 0.95. */
    RING {
        @Override
        boolean contains(double u, double v) {
            double r2 = u * u + v * v;
            return r2 >= 0.3025 && r2 <= 0.9025;
        }
    },
    /** Ellipse with semi-axes 1 and 0.45. */
    ELLIPSE {
        @Override
        boolean contains(double u, double v) {
            return u * u + v * v / 0.2025 <= 1;
        }
    },
    /** Five-pointed star, inner radius 0.42. */
    STAR {
        @Override
        boolean contains(double u, double v) {
            double r = StrictMath.sqrt(u * u + v * v);
            if (r > 1) {
                return false;
            }
            double sector = 2 * StrictMath.PI / 5;
            double a = StrictMath.atan2(u, -v) + StrictMath.PI;
            double t = Math.abs((a % sector) / sector * 2 - 1);
            return r <= 0.42 + (1 - 0.42) * t * t;
        }
    },
    /** Regular hexagon. */
    HEXAGON {
        @Override
        boolean contains(double u, double v) {
            return Polygon.HEXAGON.contains(u, v);
        }
    },
    /** Heart, the implicit curve (x² + y² − 1)³ = x² y³. */
    HEART {
        @Override
        boolean contains(double u, double v) {
            double x = u * 1.25;
            double y = -(v * 1.25) + 0.25;
            double s = x * x + y * y - 1;
            return s * s * s - x * x * y * y * y <= 0;
        }
    },
    /** Arrow pointing right. */
    ARROW {
        @Override
        boolean contains(double u, double v) {
            double av = Math.abs(v);
            return u >= -0.95 && u <= 0.15 && av <= 0.22 || u >= 0.15 && u <= 0.95 && av <= (0.95 - u) * 0.95;
        }
    },
    /** Letter L. */
    LETTER_L {
        @Override
        boolean contains(double u, double v) {
            return u >= -0.7 && u <= -0.25 && Math.abs(v) <= 0.9 || u >= -0.7 && u <= 0.7 && v >= 0.45 && v <= 0.9;
        }
    },
    /** Letter T. */
    LETTER_T {
        @Override
        boolean contains(double u, double v) {
            return Math.abs(u) <= 0.8 && v >= -0.9 && v <= -0.45 || Math.abs(u) <= 0.22 && Math.abs(v) <= 0.9;
        }
    },
    /** Crescent: the unit disc minus a disc of radius 0.8 shifted right. */
    CRESCENT {
        @Override
        boolean contains(double u, double v) {
            double du = u - 0.45;
            return u * u + v * v <= 0.9 && du * du + v * v > 0.64;
        }
    },
    /** Rhombus with half diagonals 1 and 0.55. */
    RHOMBUS {
        @Override
        boolean contains(double u, double v) {
            return Math.abs(u) + Math.abs(v) / 0.55 <= 1;
        }
    };

    /** Every glyph lies within this distance of its centre, in glyph units. */
    static final double REACH = 1.05;

    /** The downstream object classes, in label order. */
    static final Glyph[] OBJECTS = {CIRCLE, SQUARE, TRIANGLE, PLUS, RING, ELLIPSE};

    /** The glyphs of the upstream set, none of them a downstream class. */
    static final Glyph[] UPSTREAM = {STAR, HEXAGON, HEART, ARROW, LETTER_L, LETTER_T, CRESCENT, RHOMBUS};

    /**
     * @param u local coordinate along the glyph's width
     * @param v local coordinate along its height (down)
     * @return whether the point is inside
     */
    abstract boolean contains(double u, double v);

    /** Regular polygons inscribed in the unit circle, tested against their edge normals. */
    private enum Polygon {
        TRIANGLE(3, StrictMath.PI / 2),
        HEXAGON(6, 0);

        private final double[] nu;
        private final double[] nv;
        private final double apothem;

        Polygon(int sides, double normalOffset) {
            nu = new double[sides];
            nv = new double[sides];
            for (int k = 0; k < sides; k++) {
                double a = normalOffset + StrictMath.PI / sides + 2 * StrictMath.PI * k / sides;
                nu[k] = StrictMath.cos(a);
                nv[k] = StrictMath.sin(a);
            }
            apothem = StrictMath.cos(StrictMath.PI / sides);
        }

        boolean contains(double u, double v) {
            for (int k = 0; k < nu.length; k++) {
                if (u * nu[k] + v * nv[k] > apothem) {
                    return false;
                }
            }
            return true;
        }
    }
}
