//! A ward's profile at `/ward/{code}`: every indicator with its value, unit,
//! rank in the city and in the district, percentile and change, a trend
//! chart per indicator against the district and city medians, and sources.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use ward_domain::charts::trend::{trend_option, SeriesRole, TrendChart, TrendSeries};
use ward_domain::dataset::{is_web_url, Dataset, Provenance};
use ward_domain::format::{self, Lang};
use ward_domain::profile::{indicator_profile, IndicatorProfile};
use ward_domain::table::latest_period;

use crate::charts::{Chart, ChartExport};
use crate::components::files::{provenance_line, ImageHeader};
use crate::components::pickers::{period_label, value_with_unit};
use crate::components::provenance::{weakest, ProvenanceBadge};
use crate::home::missing_reason;
use crate::store::{WardData, WithBase, WithWardData};

#[component]
pub fn WardPage() -> impl IntoView {
    let params = use_params_map();
    let code = move || params.read().get("code").unwrap_or_default();
    view! {
        <section class="ward-profile">
            <WithBase view=move |base| {
                let code = code();
                match base.registry.ward(&code).cloned() {
                    None => view! { <UnknownWard code /> }.into_any(),
                    Some(_) => view! {
                        <WithWardData base view=move |data| view! { <Profile data code=code.clone() /> } />
                    }
                    .into_any(),
                }
            } />
        </section>
    }
}

#[component]
fn UnknownWard(code: String) -> impl IntoView {
    view! {
        <h1>"Không tìm thấy phường"</h1>
        <p class="load-error" role="alert" data-testid="unknown-ward">
            {format!("Không có phường nào mang mã “{code}” trong danh sách 175 phường thí điểm. ")}
            <a href="wards">"Xem danh sách phường"</a>
        </p>
    }
}

/// "3/18"; a dash when fewer than two wards are ranked, since being first
/// of one says nothing.
fn rank_text(rank: Option<ward_domain::ranking::Rank>) -> String {
    rank.filter(|r| r.of > 1)
        .map(|r| format!("{}/{}", r.label(), r.of))
        .unwrap_or_else(|| "—".into())
}

fn profile_row(dataset: &Dataset, profile: &IndicatorProfile, ward: &str) -> impl IntoView {
    let value = match profile.value {
        Some(v) => value_with_unit(v, dataset),
        None => missing_reason(profile.missing),
    };
    let percentile = profile
        .percentile
        .filter(|_| profile.rank_city.is_some_and(|r| r.of > 1))
        .map(|p| {
            if p == 0.0 {
                "thấp nhất".to_string()
            } else {
                format!("hơn {}% số phường", format::number(p, 0, Lang::Vi))
            }
        })
        .unwrap_or_else(|| "—".into());
    let change = match (profile.change, &profile.previous_period) {
        (Some(delta), Some(previous)) => format!(
            "{} so với {}",
            format::change(delta, dataset.number_format, Lang::Vi),
            period_label(previous, dataset.period_type)
        ),
        _ => "—".into(),
    };
    let map_link = format!("./?indicator={}&ward={ward}", dataset.id);
    view! {
        <tr data-indicator=dataset.id.clone()>
            <th scope="row">
                <a href=map_link>{dataset.title.vi.clone()}</a>
            </th>
            <td class="period" data-label="Kỳ">{period_label(&profile.period, dataset.period_type)}</td>
            <td class="value" data-label="Giá trị">{value}</td>
            <td class="rank-city" data-label="Hạng toàn thành phố">{rank_text(profile.rank_city)}</td>
            <td class="rank-district" data-label="Hạng trong quận">{rank_text(profile.rank_district)}</td>
            <td class="percentile" data-label="Bách phân vị">{percentile}</td>
            <td class="change" data-label="Thay đổi">{change}</td>
            <td class="provenance" data-label="Loại số liệu">
                <span class=format!("tag tag-{}", provenance_id(dataset.provenance))>
                    {provenance_short(dataset.provenance)}
                </span>
            </td>
        </tr>
    }
}

pub fn provenance_id(p: Provenance) -> &'static str {
    match p {
        Provenance::Official => "official",
        Provenance::Reported => "reported",
        Provenance::Estimated => "estimated",
        Provenance::Synthetic => "synthetic",
    }
}

pub fn provenance_short(p: Provenance) -> &'static str {
    match p {
        Provenance::Official => "chính thức",
        Provenance::Reported => "báo chí đưa tin",
        Provenance::Estimated => "ước tính",
        Provenance::Synthetic => "minh họa",
    }
}

fn trend_json(
    dataset: &Dataset,
    profile: &IndicatorProfile,
    ward_name: &str,
    district_name: &str,
) -> String {
    let chart = TrendChart {
        // The figure's caption names the indicator; a title inside the
        // canvas would repeat it and be cut on phones.
        title: String::new(),
        lang: Lang::Vi,
        period_labels: dataset
            .periods
            .iter()
            .map(|p| period_label(p, dataset.period_type))
            .collect(),
        unit: dataset.unit.vi.clone(),
        decimals: dataset.number_format.shown_decimals(),
        range: dataset.range.map(|r| (r.min, r.max)),
        series: vec![
            TrendSeries {
                name: ward_name.to_string(),
                role: SeriesRole::Ward,
                values: profile.trend.clone(),
            },
            TrendSeries {
                name: format!("Trung vị {district_name}"),
                role: SeriesRole::DistrictMedian,
                values: profile.district_medians.clone(),
            },
            TrendSeries {
                name: "Trung vị toàn thành phố".into(),
                role: SeriesRole::CityMedian,
                values: profile.city_medians.clone(),
            },
        ],
    };
    trend_option(&chart).to_json()
}

/// Sources of the shown datasets, each once.
pub fn source_list(datasets: &[&Dataset]) -> impl IntoView {
    let mut seen: Vec<String> = Vec::new();
    let items = datasets
        .iter()
        .filter(|d| {
            let new = !seen.contains(&d.source.name);
            if new {
                seen.push(d.source.name.clone());
            }
            new
        })
        .map(|d| {
            let name = d.source.name.clone();
            let link = d.source.url.clone().filter(|u| is_web_url(u));
            let licence = d.licence.id.clone();
            view! {
                <li>
                    {match link {
                        Some(url) => view! { <a href=url rel="noopener" target="_blank">{name}</a> }.into_any(),
                        None => view! { <span>{name}</span> }.into_any(),
                    }}
                    {format!(" · giấy phép {licence}")}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="sources" data-testid="sources">
            <h2>"Nguồn dữ liệu"</h2>
            <ul>{items}</ul>
        </section>
    }
}

#[component]
fn Profile(data: WardData, code: String) -> impl IntoView {
    let registry = &data.base.registry;
    let Some(ward) = registry.ward(&code).cloned() else {
        return view! { <UnknownWard code /> }.into_any();
    };
    let district = registry
        .district(&ward.district)
        .map(|d| (d.code.clone(), d.name.clone()))
        .unwrap_or_default();
    let profiles: Vec<(Dataset, IndicatorProfile)> = data
        .datasets
        .iter()
        .filter_map(|d| {
            let period = latest_period(d)?.to_string();
            Some((d.clone(), indicator_profile(registry, d, &code, &period)?))
        })
        .collect();
    let provenance = weakest(data.datasets.iter().map(|d| d.provenance));
    let rows = profiles
        .iter()
        .map(|(d, p)| profile_row(d, p, &code))
        .collect_view();
    let charts = profiles
        .iter()
        .filter(|(d, _)| d.periods.len() > 1)
        .map(|(d, p)| {
            let option = trend_json(d, p, &ward.name, &district.1);
            let label = format!(
                "Diễn biến {} của phường {} so với trung vị {} và toàn thành phố",
                d.title.vi, ward.name, district.1
            );
            view! {
                <figure class="trend" data-indicator=d.id.clone()>
                    <figcaption>{d.title.vi.clone()}</figcaption>
                    <Chart
                        option=Signal::stored(option)
                        label=Signal::stored(label)
                        height=Signal::stored(240u32)
                        export=Signal::stored(ChartExport {
                            file_stem: format!("{}-{}", ward.code, d.id),
                            header: ImageHeader {
                                title: format!("{} — {}, {}", d.title.vi, ward.full_name, district.1),
                                provenance: provenance_line(d.provenance).to_string(),
                                source: format!("Nguồn: {}", d.source.name),
                            },
                        })
                    />
                </figure>
            }
        })
        .collect_view();
    let datasets: Vec<&Dataset> = data.datasets.iter().collect();
    view! {
        <nav class="breadcrumb" aria-label="Vị trí">
            <a href="./">"Bản đồ"</a>
            " › "
            <a href=format!("district/{}", district.0)>{district.1.clone()}</a>
            " › "
            <span aria-current="page">{ward.name.clone()}</span>
        </nav>
        <h1 data-testid="ward-name">{ward.full_name.clone()}</h1>
        <p class="lede">
            {format!("{}, {}. ", ward.full_name, district.1)}
            <a href=format!("./?ward={}", ward.code) data-testid="back-to-map">"Xem phường này trên bản đồ"</a>
            " · "
            <a href=format!("compare?wards={}", ward.code)>"So sánh với phường khác"</a>
        </p>
        {provenance.map(|provenance| view! { <ProvenanceBadge provenance /> })}
        <div class="table-scroll">
            <table class="profile" data-testid="profile-table">
                <caption>"Các chỉ số của phường, kỳ mới nhất của mỗi chỉ số"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Chỉ số"</th>
                        <th scope="col">"Kỳ"</th>
                        <th scope="col">"Giá trị"</th>
                        <th scope="col">"Hạng toàn thành phố"</th>
                        <th scope="col">"Hạng trong quận"</th>
                        <th scope="col">"Bách phân vị"</th>
                        <th scope="col">"Thay đổi so với kỳ trước"</th>
                        <th scope="col">"Loại số liệu"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <h2>"Diễn biến theo thời gian"</h2>
        <p class="muted">"Đường đậm: phường; nét đứt: trung vị các phường trong quận; chấm: trung vị 175 phường. Kỳ thiếu số liệu để trống, không tính là 0."</p>
        <div class="trend-grid">{charts}</div>
        {source_list(&datasets)}
    }
    .into_any()
}
