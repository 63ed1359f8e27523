//! The chart options as ECharts receives them: each builder's chart is
//! serialised to JSON and its structure checked.

use serde_json::Value;
use ward_domain::charts::groups::{
    group_comparison_chart, group_comparison_option, GroupComparison,
};
use ward_domain::charts::ranking_bars::{
    ranking_bar_chart, ranking_bar_option, ranking_chart_height, RankingBars, SELECTED_BORDER,
    SELECTED_COLOUR,
};
use ward_domain::charts::trend::{trend_chart, trend_option, SeriesRole, TrendChart, TrendSeries};
use ward_domain::charts::{to_json, EChartsOption};
use ward_domain::format::Lang;

fn json(chart: &charming::Chart) -> Value {
    let text = to_json(chart);
    assert!(
        !text.contains("function"),
        "options must be plain JSON, without JavaScript functions: {text}"
    );
    serde_json::from_str(&text).expect("to_json gives valid JSON")
}

fn series(option: &Value) -> &Vec<Value> {
    option["series"].as_array().expect("a series array")
}

fn strings(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .expect("an array")
        .iter()
        .map(|v| v.as_str().expect("a string"))
        .collect()
}

fn assert_accessible(option: &Value) {
    assert_eq!(
        option["aria"]["enabled"],
        Value::Bool(true),
        "aria: {option}"
    );
}

fn trend_input() -> TrendChart {
    TrendChart {
        title: "Tỷ lệ hồ sơ đúng hạn".into(),
        period_labels: vec![
            "Quý 1/2022".into(),
            "Quý 2/2022".into(),
            "Quý 3/2022".into(),
        ],
        unit: "%".into(),
        decimals: 1,
        range: Some((0.0, 100.0)),
        series: vec![
            TrendSeries {
                name: "Phúc Xá".into(),
                role: SeriesRole::Ward,
                values: vec![Some(91.94), None, Some(95.0)],
            },
            TrendSeries {
                name: "Trung vị quận Ba Đình".into(),
                role: SeriesRole::DistrictMedian,
                values: vec![Some(90.0), Some(90.5), Some(0.0)],
            },
            TrendSeries {
                name: "Trung vị thành phố".into(),
                role: SeriesRole::CityMedian,
                // Shorter than the periods: the rest are gaps.
                values: vec![Some(88.0)],
            },
        ],
        lang: Lang::Vi,
    }
}

#[test]
fn trend_lines_have_role_styles_and_gaps_for_missing_values() {
    let option = json(&trend_chart(&trend_input()));
    assert_accessible(&option);
    assert_eq!(option["title"][0]["text"], "Tỷ lệ hồ sơ đúng hạn");
    assert_eq!(option["xAxis"]["type"], "category");
    assert_eq!(
        strings(&option["xAxis"]["data"]),
        ["Quý 1/2022", "Quý 2/2022", "Quý 3/2022"]
    );
    assert_eq!(option["yAxis"]["min"], 0.0);
    assert_eq!(option["yAxis"]["max"], 100.0);
    assert_eq!(option["yAxis"]["axisLabel"]["formatter"], "{value}%");

    let all = series(&option);
    assert_eq!(all.len(), 3);
    assert!(all.iter().all(|s| s["type"] == "line"));
    let names: Vec<&str> = all.iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        ["Phúc Xá", "Trung vị quận Ba Đình", "Trung vị thành phố"]
    );
    let styles: Vec<(&str, f64)> = all
        .iter()
        .map(|s| {
            (
                s["lineStyle"]["type"].as_str().unwrap(),
                s["lineStyle"]["width"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(styles, [("solid", 3.0), ("dashed", 2.0), ("dotted", 2.0)]);
    assert_eq!(
        all[0]["symbol"], "circle",
        "the ward's line shows its points"
    );
    assert_eq!(
        all[2]["lineStyle"]["color"], "#666666",
        "city median is grey"
    );
    assert!(all.iter().all(|s| s["connectNulls"] == Value::Bool(false)));

    let values = |s: &Value| -> Vec<Value> {
        s["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["value"].clone())
            .collect()
    };
    assert_eq!(
        values(&all[0]),
        [Value::from(91.94), Value::Null, Value::from(95.0)],
        "a missing value is null, never 0"
    );
    assert_eq!(
        values(&all[1])[2],
        Value::from(0.0),
        "a real zero stays zero"
    );
    assert_eq!(
        values(&all[2]),
        [Value::from(88.0), Value::Null, Value::Null]
    );
    // Tooltips read in Vietnamese.
    assert_eq!(all[0]["data"][0]["name"], "Quý 1/2022: 91,9%");
    assert_eq!(all[0]["data"][1]["name"], "Quý 2/2022: không có dữ liệu");
    assert_eq!(option["tooltip"]["formatter"], "{a}<br/>{b}");
}

#[test]
fn trend_axis_hides_labels_that_would_need_a_decimal_separator() {
    let mut input = trend_input();
    input.range = None;
    input.unit = "điểm".into();
    input.series = vec![TrendSeries {
        name: "Phúc Xá".into(),
        role: SeriesRole::Ward,
        values: vec![Some(0.12), Some(0.2), Some(0.31)],
    }];
    let option = json(&trend_chart(&input));
    assert_eq!(option["yAxis"]["axisLabel"]["show"], Value::Bool(false));
    assert_eq!(option["yAxis"]["name"], "điểm");
    assert_eq!(
        series(&option)[0]["data"][0]["name"],
        "Quý 1/2022: 0,1 điểm"
    );
}

#[test]
fn group_comparison_has_one_bar_series_per_ward_over_six_groups() {
    let groups: Vec<String> = [
        "Công khai",
        "Tiến độ",
        "Số hóa",
        "Thanh toán",
        "Hài lòng",
        "Dịch vụ",
    ]
    .map(String::from)
    .to_vec();
    let input = GroupComparison {
        group_labels: groups.clone(),
        wards: vec![
            (
                "Phúc Xá".into(),
                vec![
                    Some(100.0),
                    Some(80.5),
                    None,
                    Some(0.0),
                    Some(60.0),
                    Some(70.0),
                ],
            ),
            ("Trúc Bạch".into(), vec![Some(90.0); 6]),
            ("Hàng Bồ".into(), vec![Some(50.0), Some(40.0)]),
        ],
        lang: Lang::Vi,
    };
    let option = json(&group_comparison_chart(&input));
    assert_accessible(&option);
    // An empty decal list makes ECharts 6 throw while drawing; none is set.
    assert!(option["aria"]["decal"].is_null());
    assert!(!option.to_string().contains("\"decals\":[]"));
    // Groups down the side (readable on phones), shares across.
    assert_eq!(option["yAxis"]["type"], "category");
    assert_eq!(strings(&option["yAxis"]["data"]), groups);
    assert_eq!(option["xAxis"]["min"], 0);
    assert_eq!(option["xAxis"]["max"], 100);
    let all = series(&option);
    assert_eq!(all.len(), 3);
    assert!(all.iter().all(|s| s["type"] == "bar"));
    assert!(all.iter().all(|s| s["data"].as_array().unwrap().len() == 6));
    assert_eq!(all[0]["data"][2]["value"], Value::Null, "missing is null");
    assert_eq!(all[0]["data"][3]["value"], Value::from(0.0));
    assert_eq!(
        all[2]["data"][5]["value"],
        Value::Null,
        "short input pads with null"
    );
    assert_eq!(all[0]["data"][1]["name"], "Tiến độ: 80,5%");
    let colours: Vec<&Value> = all.iter().map(|s| &s["itemStyle"]["color"]).collect();
    assert_ne!(colours[0], colours[1]);
    assert_ne!(colours[1], colours[2]);
}

fn ranking_input(selected: Option<&str>) -> RankingBars {
    RankingBars {
        names: vec!["Phúc Xá".into(), "Trúc Bạch".into(), "Hàng Bồ".into()],
        codes: vec!["00001".into(), "00004".into(), "00037".into()],
        values: vec![Some(97.26), Some(80.0), None],
        colours: vec!["#fde725".into(), "#21918c".into(), String::new()],
        unit: "%".into(),
        decimals: 1,
        selected: selected.map(String::from),
        lang: Lang::Vi,
    }
}

#[test]
fn ranking_bars_keep_rank_order_colours_and_highlight_the_selection() {
    let option = json(&ranking_bar_chart(&ranking_input(Some("00004"))));
    assert_accessible(&option);
    assert_eq!(option["yAxis"]["type"], "category");
    assert_eq!(
        option["yAxis"]["inverse"],
        Value::Bool(true),
        "rank 1 on top"
    );
    assert_eq!(
        strings(&option["yAxis"]["data"]),
        [
            "Phúc Xá · 97,3%",
            "Trúc Bạch · 80,0%",
            "Hàng Bồ · không có dữ liệu"
        ]
    );
    assert_eq!(option["xAxis"]["type"], "value");
    let all = series(&option);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0]["type"], "bar");
    let data = all[0]["data"].as_array().unwrap();
    assert_eq!(data.len(), 3);
    assert_eq!(data[0]["value"], Value::from(97.26));
    assert_eq!(data[2]["value"], Value::Null, "missing is null, not 0");
    assert_eq!(data[0]["itemStyle"]["color"], "#fde725", "the map's colour");
    assert_eq!(data[1]["itemStyle"]["color"], SELECTED_COLOUR);
    assert_eq!(data[1]["itemStyle"]["borderColor"], SELECTED_BORDER);
    assert!(data[0]["itemStyle"].get("borderColor").is_none());

    let none = json(&ranking_bar_chart(&ranking_input(None)));
    let data = series(&none)[0]["data"].as_array().unwrap().clone();
    assert!(data
        .iter()
        .all(|d| d["itemStyle"]["color"] != SELECTED_COLOUR));
}

#[test]
fn ranking_chart_height_grows_with_the_wards() {
    let heights: Vec<u32> = (0..=200).map(ranking_chart_height).collect();
    assert!(heights.windows(2).all(|w| w[0] <= w[1]), "monotonic");
    assert!(heights[175] > heights[10]);
    assert!(
        ranking_chart_height(175) >= 175 * 18,
        "readable rows for 175 wards"
    );
    assert!(ranking_chart_height(0) > 0);
    assert!(ranking_chart_height(usize::MAX) > 0, "no overflow panic");
}

#[test]
fn empty_inputs_give_valid_charts() {
    let trend = TrendChart {
        title: String::new(),
        period_labels: vec![],
        unit: String::new(),
        decimals: 0,
        range: None,
        series: vec![],
        lang: Lang::Vi,
    };
    json(&trend_chart(&trend));
    json(&group_comparison_chart(&GroupComparison {
        group_labels: vec![],
        wards: vec![],
        lang: Lang::Vi,
    }));
    let empty = RankingBars {
        names: vec![],
        codes: vec![],
        values: vec![],
        colours: vec![],
        unit: String::new(),
        decimals: 0,
        selected: None,
        lang: Lang::Vi,
    };
    json(&ranking_bar_chart(&empty));
}

/// The browser serialises `EChartsOption` (smaller wasm); it must give
/// exactly the JSON of the charming `Chart`.
#[test]
fn browser_options_serialise_like_charming_charts() {
    fn same(option: EChartsOption, chart: charming::Chart) {
        let browser: Value = serde_json::from_str(&option.to_json()).expect("valid JSON");
        assert_eq!(browser, json(&chart));
    }
    let trend = trend_input();
    same(trend_option(&trend), trend_chart(&trend));
    let groups = GroupComparison {
        group_labels: vec!["A".into(), "B".into()],
        wards: vec![("X".into(), vec![Some(1.0), None]), ("Y".into(), vec![])],
        lang: Lang::Vi,
    };
    same(
        group_comparison_option(&groups),
        group_comparison_chart(&groups),
    );
    for selected in [None, Some("00001")] {
        let ranking = ranking_input(selected);
        same(ranking_bar_option(&ranking), ranking_bar_chart(&ranking));
    }
}
