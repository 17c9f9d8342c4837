//! The chart of BENCHMARKS.md: generation time and `cargo build` time against the number of
//! endpoints, both tools, log-log (medians of the run), drawn as SVG with plotters.

use std::io;
use std::path::Path;

use plotters::prelude::*;

use crate::measure::median;
use crate::{Results, SizeResult};

const OURS: RGBColor = RGBColor(0x1f, 0x77, 0xb4);
const PROGENITOR: RGBColor = RGBColor(0xd6, 0x27, 0x28);

pub fn draw(results: &Results, path: &Path) -> io::Result<()> {
    let root = SVGBackend::new(path, (960, 420)).into_drawing_area();
    root.fill(&WHITE).map_err(io::Error::other)?;
    let (left, right) = root.split_horizontally(480);
    panel(&left, "Generation (wall, s)", &results.sizes, |size| {
        (median(&size.ours.seconds), median(&size.progenitor.seconds))
    })?;
    panel(&right, "cargo build of the generated crate (s)", &results.sizes, |size| {
        (median(&size.ours_build.build), median(&size.progenitor_build.build))
    })?;
    root.present().map_err(io::Error::other)
}

fn panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    title: &str,
    sizes: &[SizeResult],
    value: impl Fn(&SizeResult) -> (f64, f64),
) -> io::Result<()>
where
    DB::ErrorType: 'static,
{
    let points: Vec<(f64, f64, f64)> = sizes
        .iter()
        .map(|size| {
            let (ours, progenitor) = value(size);
            (size.endpoints as f64, ours, progenitor)
        })
        .filter(|(_, ours, progenitor)| ours.is_finite() && progenitor.is_finite())
        .collect();
    let x_min = points.iter().map(|point| point.0).fold(f64::INFINITY, f64::min).min(100.0) * 0.8;
    let x_max = points.iter().map(|point| point.0).fold(0.0, f64::max).max(1000.0) * 1.25;
    let y_values = points.iter().flat_map(|point| [point.1, point.2]);
    let y_min = y_values.clone().fold(f64::INFINITY, f64::min).max(1e-3) * 0.5;
    let y_max = y_values.fold(0.0, f64::max).max(y_min * 10.0) * 2.0;
    let mut chart = ChartBuilder::on(area)
        .caption(title, ("sans-serif", 18))
        .margin(12)
        .x_label_area_size(36)
        .y_label_area_size(52)
        .build_cartesian_2d((x_min..x_max).log_scale(), (y_min..y_max).log_scale())
        .map_err(io::Error::other)?;
    chart
        .configure_mesh()
        .x_desc("endpoints")
        .x_label_formatter(&|x| format!("{x:.0}"))
        .y_label_formatter(&|y| format!("{y}"))
        .draw()
        .map_err(io::Error::other)?;
    for (label, color, pick) in [("usercom-codegen", OURS, 1usize), ("cargo-progenitor", PROGENITOR, 2usize)] {
        let series: Vec<(f64, f64)> =
            points.iter().map(|point| (point.0, if pick == 1 { point.1 } else { point.2 })).collect();
        chart
            .draw_series(LineSeries::new(series.clone(), color.stroke_width(2)))
            .map_err(io::Error::other)?
            .label(label)
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], color.stroke_width(2)));
        chart
            .draw_series(series.into_iter().map(|point| Circle::new(point, 4, color.filled())))
            .map_err(io::Error::other)?;
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.8))
        .border_style(BLACK.mix(0.3))
        .draw()
        .map_err(io::Error::other)?;
    Ok(())
}
