//! Pickers for indicator, period and classification.

use leptos::prelude::*;
use ward_domain::catalogue::Entry;
use ward_domain::classify::Method;
use ward_domain::dataset::Group;
use ward_domain::format::{self, Lang};
use ward_domain::period::Period;

use super::{HomeState, Shown};

pub fn group_name(group: Group) -> &'static str {
    match group {
        Group::Transparency => "Công khai, minh bạch (18 điểm)",
        Group::Timeliness => "Tiến độ giải quyết (20 điểm)",
        Group::OnlineServices => "Dịch vụ công trực tuyến (12 điểm)",
        Group::OnlinePayment => "Thanh toán trực tuyến (10 điểm)",
        Group::Satisfaction => "Mức độ hài lòng (18 điểm)",
        Group::Digitisation => "Số hóa hồ sơ (22 điểm)",
        Group::Other => "Chỉ tiêu khác",
    }
}

fn method_name(method: Method) -> &'static str {
    match method {
        Method::Quantile => "Phân vị (nhóm đều nhau)",
        Method::EqualInterval => "Khoảng đều",
        Method::NaturalBreaks => "Ngắt tự nhiên (Jenks)",
    }
}

#[component]
pub fn Controls(
    state: HomeState,
    datasets: StoredValue<Vec<Entry>>,
    shown: Memo<Option<Shown>>,
) -> impl IntoView {
    let groups = datasets.with_value(|all| {
        let mut order: Vec<Group> = Group::INDEX_766.iter().map(|(g, _)| *g).collect();
        order.push(Group::Other);
        order
            .into_iter()
            .filter_map(|group| {
                let options: Vec<_> = all
                    .iter()
                    .filter(|d| d.group == group)
                    .map(|d| view! { <option value=d.id.clone()>{d.title.vi.clone()}</option> })
                    .collect();
                (!options.is_empty())
                    .then(|| view! { <optgroup label=group_name(group)>{options}</optgroup> })
            })
            .collect_view()
    });
    let period_options = move || {
        shown.with(|s| {
            s.as_ref().map(|s| {
                s.dataset
                    .periods
                    .iter()
                    .map(|p| {
                        let label = Period::parse(p, s.dataset.period_type)
                            .map(|parsed| format::period(parsed, Lang::Vi))
                            .unwrap_or_else(|| p.clone());
                        view! { <option value=p.clone() selected=p == &s.period>{label}</option> }
                    })
                    .collect_view()
            })
        })
    };
    view! {
        <form class="controls" on:submit=|ev| ev.prevent_default()>
            <label class="control control-indicator">
                <span>"Chỉ số"</span>
                <select
                    id="indicator"
                    prop:value=move || state.indicator.get()
                    on:change=move |ev| state.indicator.set(event_target_value(&ev))
                >
                    {groups}
                </select>
            </label>
            <label class="control">
                <span>"Kỳ"</span>
                <select
                    id="period"
                    prop:value=move || shown.with(|s| s.as_ref().map(|s| s.period.clone()).unwrap_or_default())
                    on:change=move |ev| state.period.set(Some(event_target_value(&ev)))
                >
                    {period_options}
                </select>
            </label>
            <label class="control">
                <span>"Chia nhóm màu"</span>
                <select
                    id="classing"
                    prop:value=move || state.method.get().as_str()
                    on:change=move |ev| {
                        if let Some(m) = Method::parse(&event_target_value(&ev)) {
                            state.method.set(m);
                        }
                    }
                >
                    {Method::ALL
                        .into_iter()
                        .map(|m| view! { <option value=m.as_str()>{method_name(m)}</option> })
                        .collect_view()}
                </select>
            </label>
        </form>
    }
}
