//! An SVG picture of an analysis: hours per ISO week stacked as meetings, async and focus, and
//! the window's shares next to each track's typical week.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::result::{Analysis, Shares};

const WIDTH: u32 = 960;
const HEIGHT: u32 = 440;
const MEETINGS: RGBColor = RGBColor(0xc4, 0x3d, 0x4b);
const ASYNC: RGBColor = RGBColor(0xe8, 0xa8, 0x38);
const FOCUS: RGBColor = RGBColor(0x1f, 0x78, 0x8c);
const INK: RGBColor = RGBColor(0x33, 0x33, 0x33);

/// Render the analysis as a self-contained SVG document (no titles, aggregates only).
pub fn render_svg(analysis: &Analysis) -> String {
    let mut svg = String::new();
    let drawn = draw(analysis, &mut svg);
    match drawn {
        Ok(()) => svg,
        // The string backend does not fail in practice; still, never panic on a picture.
        Err(e) => format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"40\">\
             <text x=\"8\" y=\"24\">chart unavailable: {}</text></svg>",
            html_escape::encode_text(&e)
        ),
    }
}

fn draw(a: &Analysis, out: &mut String) -> Result<(), String> {
    let root = SVGBackend::with_string(out, (WIDTH, HEIGHT)).into_drawing_area();
    root.fill(&WHITE).map_err(|e| e.to_string())?;
    let (left, right) = root.split_horizontally(620);
    weekly(a, &left).map_err(|e| e.to_string())?;
    tracks(a, &right).map_err(|e| e.to_string())?;
    root.present().map_err(|e| e.to_string())
}

/// A stacked layer: its name, colour, and where it sits in a week's bar.
type Layer = (
    &'static str,
    RGBColor,
    fn(&super::result::Hours) -> (f64, f64),
);
type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;
type Res = Result<(), Box<dyn std::error::Error + 'static>>;

/// Stacked bars: one per ISO week, meetings at the bottom, then async, then focus.
fn weekly(a: &Analysis, area: &Area<'_>) -> Res {
    let n = a.weeks.len();
    let top = a
        .weeks
        .iter()
        .map(|w| w.hours.meetings + w.hours.async_ + w.hours.focus)
        .fold(0.0_f64, f64::max)
        .max(1.0)
        * 1.3; // headroom for the legend
    let labels: Vec<String> = a.weeks.iter().map(|w| w.week.clone()).collect();
    let mut chart = ChartBuilder::on(area)
        .caption(
            "Working hours per ISO week",
            ("sans-serif", 18).into_font().color(&INK),
        )
        .margin(12)
        .x_label_area_size(36)
        .y_label_area_size(44)
        .build_cartesian_2d(-0.5_f64..(n.max(1) as f64 - 0.5), 0.0_f64..top)?;
    let label_at = |v: &f64| {
        let i = v.round();
        if (v - i).abs() > 1e-6 || i < 0.0 {
            return String::new();
        }
        labels.get(i as usize).cloned().unwrap_or_default()
    };
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(n.clamp(1, 8))
        .x_label_formatter(&label_at)
        .y_label_formatter(&|v| format!("{v:.0}"))
        .y_desc("hours")
        .light_line_style(TRANSPARENT)
        .label_style(("sans-serif", 11).into_font().color(&INK))
        .draw()?;
    let half = 0.38;
    let layers: [Layer; 3] = [
        ("meetings", MEETINGS, |h| (0.0, h.meetings)),
        ("async", ASYNC, |h| (h.meetings, h.meetings + h.async_)),
        ("focus", FOCUS, |h| {
            (h.meetings + h.async_, h.meetings + h.async_ + h.focus)
        }),
    ];
    for (name, color, span) in layers {
        chart
            .draw_series(a.weeks.iter().enumerate().map(|(i, w)| {
                let (lo, hi) = span(&w.hours);
                let x = i as f64;
                Rectangle::new([(x - half, lo), (x + half, hi)], color.filled())
            }))?
            .label(name)
            .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 10, y + 5)], color.filled()));
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .background_style(WHITE.mix(0.85))
        .border_style(INK.mix(0.3))
        .label_font(("sans-serif", 12).into_font().color(&INK))
        .draw()?;
    Ok(())
}

/// Three stacked 100% bars: this calendar, then each track's typical week.
fn tracks(a: &Analysis, area: &Area<'_>) -> Res {
    let mut bars: Vec<(String, Shares)> = vec![("you".to_owned(), a.shares)];
    bars.extend(
        a.track_profiles
            .iter()
            .map(|t| (super::pipeline::person(&t.track), t.shares)),
    );
    let n = bars.len();
    // A window too thin or too old is no finding, so the chart names no closest track.
    let caption = match a.closest_track.filter(|_| a.evidence.finding) {
        Some(track) => format!("Shares vs tracks (closest: the {} track)", track.noun()),
        None => "Shares vs tracks (no finding from this window)".to_owned(),
    };
    let mut chart = ChartBuilder::on(area)
        .caption(caption, ("sans-serif", 16).into_font().color(&INK))
        .margin(12)
        .x_label_area_size(36)
        .y_label_area_size(40)
        .build_cartesian_2d(-0.5_f64..(n as f64 - 0.5), 0.0_f64..100.0)?;
    let names: Vec<String> = bars.iter().map(|(n, _)| n.clone()).collect();
    let label_at = |v: &f64| {
        let i = v.round();
        if (v - i).abs() > 1e-6 || i < 0.0 {
            return String::new();
        }
        names.get(i as usize).cloned().unwrap_or_default()
    };
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(n)
        .x_label_formatter(&label_at)
        .y_label_formatter(&|v| format!("{v:.0}%"))
        .y_desc("share of working time")
        .light_line_style(TRANSPARENT)
        .label_style(("sans-serif", 11).into_font().color(&INK))
        .draw()?;
    let half = 0.3;
    for (i, (_, s)) in bars.iter().enumerate() {
        let x = i as f64;
        let (m, asy) = (s.meetings * 100.0, s.async_ * 100.0);
        let f = s.focus * 100.0;
        let pieces = [
            (0.0, m, MEETINGS),
            (m, m + asy, ASYNC),
            (m + asy, m + asy + f, FOCUS),
        ];
        chart.draw_series(
            pieces
                .iter()
                .map(|&(lo, hi, c)| Rectangle::new([(x - half, lo), (x + half, hi)], c.filled())),
        )?;
        chart.draw_series(pieces.iter().filter(|(lo, hi, _)| hi - lo >= 6.0).map(
            |&(lo, hi, _)| {
                Text::new(
                    format!("{:.0}%", hi - lo),
                    (x, (lo + hi) / 2.0),
                    ("sans-serif", 11)
                        .into_font()
                        .color(&WHITE)
                        .pos(Pos::new(HPos::Center, VPos::Center)),
                )
            },
        ))?;
    }
    Ok(())
}
