//! Colour palettes for the map, from the `colorous` crate (d3-scale-chromatic's
//! schemes: ColorBrewer, viridis, cividis). All offered palettes stay
//! distinguishable under the common colour-vision deficiencies; rainbow,
//! red–green and Spectral schemes are deliberately left out.
//!
//! Sequential palettes run light to dark and the **caller gives the darker
//! end to the better values**: for a `lower_is_better` indicator it reverses
//! the list, so dark always means "doing well" whatever the direction.
//! Diverging palettes run from the negative end to the positive end.

use colorous::Gradient;

use crate::classify::MAX_CLASSES;

/// Fill of a tile with no value. A light grey, lighter than any sequential
/// class except the palest ColorBrewer ones, so it is not read as a value:
/// the UI overlays a hatch pattern (diagonal lines in [`NO_DATA_HATCH`], a
/// `<pattern>` in the SVG) so "no data" never depends on colour alone, and
/// the legend shows the same swatch labelled "no data".
pub const NO_DATA_FILL: &str = "#e0e0e0";

/// Colour of the no-data hatch lines: at least 3:1 against
/// [`NO_DATA_FILL`] (WCAG 1.4.11, non-text contrast).
pub const NO_DATA_HATCH: &str = "#707070";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Palette {
    Viridis,
    Cividis,
    Blues,
    Greens,
    /// Diverging: orange (negative) to purple (positive).
    PurpleOrange,
    /// Diverging: red (negative) to blue (positive).
    RedBlue,
    /// Diverging: brown (negative) to blue-green (positive).
    BrownGreen,
}

impl Palette {
    pub const ALL: [Palette; 7] = [
        Palette::Viridis,
        Palette::Cividis,
        Palette::Blues,
        Palette::Greens,
        Palette::PurpleOrange,
        Palette::RedBlue,
        Palette::BrownGreen,
    ];
    pub const DEFAULT_SEQUENTIAL: Palette = Palette::Viridis;
    pub const DEFAULT_DIVERGING: Palette = Palette::PurpleOrange;

    /// The id used in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            Palette::Viridis => "viridis",
            Palette::Cividis => "cividis",
            Palette::Blues => "blues",
            Palette::Greens => "greens",
            Palette::PurpleOrange => "purple-orange",
            Palette::RedBlue => "red-blue",
            Palette::BrownGreen => "brown-green",
        }
    }

    pub fn parse(id: &str) -> Option<Palette> {
        Palette::ALL.into_iter().find(|p| p.as_str() == id)
    }

    pub fn is_diverging(self) -> bool {
        matches!(
            self,
            Palette::PurpleOrange | Palette::RedBlue | Palette::BrownGreen
        )
    }

    fn gradient(self) -> Gradient {
        match self {
            Palette::Viridis => colorous::VIRIDIS,
            Palette::Cividis => colorous::CIVIDIS,
            Palette::Blues => colorous::BLUES,
            Palette::Greens => colorous::GREENS,
            Palette::PurpleOrange => colorous::PURPLE_ORANGE,
            Palette::RedBlue => colorous::RED_BLUE,
            Palette::BrownGreen => colorous::BROWN_GREEN,
        }
    }
}

fn hex(colour: colorous::Color) -> String {
    format!("#{:02x}{:02x}{:02x}", colour.r, colour.g, colour.b)
}

/// Position `i` of `k` evenly spread over 0..=1; the middle when `k` is 1.
fn spread(i: usize, k: usize) -> f64 {
    if k <= 1 {
        0.5
    } else {
        i as f64 / (k - 1) as f64
    }
}

/// `k` colours (at most [`MAX_CLASSES`]) from light to dark, as "#rrggbb".
///
/// ColorBrewer palettes use their hand-tuned k-class schemes. Viridis and
/// cividis are reversed, since they start dark: their pale yellow end means
/// "less". A diverging palette gives its positive half, from just off the
/// neutral centre (too close to the page background to be a class) to its
/// positive end.
pub fn sequential(palette: Palette, k: usize) -> Vec<String> {
    let k = k.min(MAX_CLASSES);
    let gradient = palette.gradient();
    (0..k)
        .map(|i| {
            let colour = match palette {
                Palette::Viridis | Palette::Cividis => gradient.eval_continuous(1.0 - spread(i, k)),
                Palette::Blues | Palette::Greens if k == 1 => gradient.eval_continuous(0.5),
                Palette::Blues | Palette::Greens => gradient.eval_rational(i, k),
                Palette::PurpleOrange | Palette::RedBlue | Palette::BrownGreen => {
                    gradient.eval_continuous(0.5 + 0.5 * (i + 1) as f64 / k as f64)
                }
            };
            hex(colour)
        })
        .collect()
}

/// `k` colours (at most [`MAX_CLASSES`]) from the negative end to the
/// positive end, the middle one neutral when `k` is odd; the caller puts
/// "worse" changes at the negative end. A sequential palette has no diverging
/// form, and the id may come from any URL, so it falls back to
/// [`Palette::DEFAULT_DIVERGING`] rather than fail.
pub fn diverging(palette: Palette, k: usize) -> Vec<String> {
    let k = k.min(MAX_CLASSES);
    let palette = if palette.is_diverging() {
        palette
    } else {
        Palette::DEFAULT_DIVERGING
    };
    let gradient = palette.gradient();
    (0..k)
        .map(|i| {
            hex(if k == 1 {
                gradient.eval_continuous(0.5)
            } else {
                gradient.eval_rational(i, k)
            })
        })
        .collect()
}

/// Parses "#rrggbb" or "#rgb" (either case).
fn parse_hex(colour: &str) -> Option<[u8; 3]> {
    let digits = colour.strip_prefix('#')?;
    if !digits.is_ascii() {
        return None;
    }
    let channel = |s: &str| u8::from_str_radix(s, 16).ok();
    match digits.len() {
        6 => Some([
            channel(digits.get(0..2)?)?,
            channel(digits.get(2..4)?)?,
            channel(digits.get(4..6)?)?,
        ]),
        3 => {
            let short = |i: usize| channel(digits.get(i..i + 1)?).map(|v| v * 17);
            Some([short(0)?, short(1)?, short(2)?])
        }
        _ => None,
    }
}

/// WCAG 2 relative luminance of an sRGB colour.
fn luminance([r, g, b]: [u8; 3]) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/// The WCAG 2 contrast ratio (1–21) of two "#rrggbb"/"#rgb" colours.
pub fn contrast_ratio(a: &str, b: &str) -> Option<f64> {
    let (la, lb) = (luminance(parse_hex(a)?), luminance(parse_hex(b)?));
    Some((la.max(lb) + 0.05) / (la.min(lb) + 0.05))
}

/// Black or white, whichever contrasts more with the background `bg`, for
/// labels drawn on a tile. An unreadable colour gives black: the tiles sit on
/// a white page, so black is the safer guess.
pub fn text_colour_on(bg: &str) -> &'static str {
    let Some(rgb) = parse_hex(bg) else {
        return "#000";
    };
    let l = luminance(rgb);
    let against_black = (l + 0.05) / 0.05;
    let against_white = 1.05 / (l + 0.05);
    if against_black >= against_white {
        "#000"
    } else {
        "#fff"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn is_hex(s: &str) -> bool {
        s.len() == 7 && parse_hex(s).is_some()
    }

    fn lum(s: &str) -> f64 {
        parse_hex(s).map_or(f64::NAN, luminance)
    }

    #[test]
    fn ids_round_trip() {
        for p in Palette::ALL {
            assert_eq!(Palette::parse(p.as_str()), Some(p));
        }
        assert_eq!(Palette::parse("rainbow"), None);
        assert!(!Palette::DEFAULT_SEQUENTIAL.is_diverging());
        assert!(Palette::DEFAULT_DIVERGING.is_diverging());
    }

    #[test]
    fn sequential_runs_light_to_dark() {
        for p in Palette::ALL {
            for k in 2..=MAX_CLASSES {
                let colours = sequential(p, k);
                assert_eq!(colours.len(), k);
                assert!(colours.iter().all(|c| is_hex(c)), "{colours:?}");
                let first = lum(&colours[0]);
                let last = lum(&colours[k - 1]);
                assert!(first > last, "{p:?} {k}: {colours:?}");
                let mut unique = colours.clone();
                unique.dedup();
                assert_eq!(unique.len(), k, "{p:?} {k}: {colours:?}");
            }
        }
        assert_eq!(sequential(Palette::Viridis, 2), ["#fde725", "#440154"]);
        assert_eq!(
            sequential(Palette::Blues, 3),
            ["#deebf7", "#9ecae1", "#3182bd"]
        );
    }

    #[test]
    fn diverging_has_a_neutral_middle() {
        assert_eq!(
            diverging(Palette::RedBlue, 3),
            ["#ef8a62", "#f7f7f7", "#67a9cf"]
        );
        for p in Palette::ALL {
            for k in 1..=MAX_CLASSES {
                let colours = diverging(p, k);
                assert_eq!(colours.len(), k);
                assert!(colours.iter().all(|c| is_hex(c)));
                if k % 2 == 1 {
                    assert!(lum(&colours[k / 2]) > 0.8, "{p:?} {k}: {colours:?}");
                }
            }
        }
        assert_eq!(
            diverging(Palette::Blues, 5),
            diverging(Palette::PurpleOrange, 5)
        );
    }

    #[test]
    fn degenerate_counts() {
        for p in Palette::ALL {
            assert!(sequential(p, 0).is_empty());
            assert!(diverging(p, 0).is_empty());
            assert_eq!(sequential(p, 1).len(), 1);
            assert_eq!(sequential(p, usize::MAX).len(), MAX_CLASSES);
            assert_eq!(diverging(p, usize::MAX).len(), MAX_CLASSES);
        }
    }

    #[test]
    fn text_colour_follows_wcag_contrast() {
        assert_eq!(text_colour_on("#ffffff"), "#000");
        assert_eq!(text_colour_on("#000000"), "#fff");
        assert_eq!(text_colour_on("#440154"), "#fff");
        assert_eq!(text_colour_on("#fde725"), "#000");
        assert_eq!(text_colour_on("#FFF"), "#000");
        assert_eq!(text_colour_on("#00f"), "#fff");
        assert_eq!(text_colour_on(NO_DATA_FILL), "#000");
        for junk in ["", "#", "red", "#12345", "#gggggg", "#ééé", "#1234567"] {
            assert_eq!(text_colour_on(junk), "#000", "{junk}");
        }
        // Around the crossover (luminance ≈ 0.179) the choice still reads.
        for p in Palette::ALL {
            for c in sequential(p, 9).iter().chain(&diverging(p, 11)) {
                let text = text_colour_on(c);
                let ratio = contrast_ratio(c, text).unwrap_or(0.0);
                assert!(ratio >= 4.5, "{c} with {text}: {ratio}");
            }
        }
    }

    #[test]
    fn no_data_hatch_is_visible() {
        let ratio = contrast_ratio(NO_DATA_FILL, NO_DATA_HATCH).unwrap_or(0.0);
        assert!(ratio >= 3.0, "{ratio}");
        assert_eq!(
            contrast_ratio("#000", "#fff").map(|r| r.round()),
            Some(21.0)
        );
    }

    proptest! {
        #[test]
        fn text_colour_never_panics(s in ".{0,10}") {
            let c = text_colour_on(&s);
            prop_assert!(c == "#000" || c == "#fff");
        }

        #[test]
        fn black_or_white_always_reaches_4_5(r in any::<u8>(), g in any::<u8>(), b in any::<u8>()) {
            let bg = format!("#{r:02x}{g:02x}{b:02x}");
            let ratio = contrast_ratio(&bg, text_colour_on(&bg)).unwrap_or(0.0);
            prop_assert!(ratio >= 4.5, "{} {}", bg, ratio);
        }
    }
}
