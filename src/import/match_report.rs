//! The match report: how many rows were matched, ambiguous, unmatched,
//! duplicate or out of scope, and a table of every input row with its
//! status, how it was matched, the ward, the reason and the candidates.
//! An ambiguous row offers its candidates, an unmatched one its nearest
//! names and all 175 wards grouped by district; the choice becomes a
//! [`RowFix`] and the request runs again.

use leptos::prelude::*;
use ward_domain::import::{MatchHow, MatchStatus, RowFix, RowReport};
use ward_domain::Registry;

use super::panel::Session;
use crate::i18n::{count, fill, use_i18n, Catalogue, Lang};

/// Rows drawn at first: a 10,000-row file must not draw 10,000 rows before
/// the reader asks; the rows that need a choice come first.
const FIRST_ROWS: usize = 300;

pub fn status_name(status: MatchStatus, t: &Catalogue) -> &'static str {
    let t = &t.import;
    match status {
        MatchStatus::Matched => t.status_matched,
        MatchStatus::Ambiguous => t.status_ambiguous,
        MatchStatus::Unmatched => t.status_unmatched,
        MatchStatus::Duplicate => t.status_duplicate,
        MatchStatus::OutOfScope => t.status_out_of_scope,
    }
}

fn status_id(status: MatchStatus) -> &'static str {
    match status {
        MatchStatus::Matched => "matched",
        MatchStatus::Ambiguous => "ambiguous",
        MatchStatus::Unmatched => "unmatched",
        MatchStatus::Duplicate => "duplicate",
        MatchStatus::OutOfScope => "out_of_scope",
    }
}

fn how_name(how: MatchHow, t: &Catalogue) -> &'static str {
    let t = &t.import;
    match how {
        MatchHow::Code => t.how_code,
        MatchHow::CodeAndName => t.how_code_and_name,
        MatchHow::ExactName => t.how_exact_name,
        MatchHow::FoldedName => t.how_folded_name,
        MatchHow::NameWithDistrict => t.how_name_with_district,
        MatchHow::Fixed => t.how_fixed,
    }
}

const STATUSES: [MatchStatus; 5] = [
    MatchStatus::Matched,
    MatchStatus::Ambiguous,
    MatchStatus::Unmatched,
    MatchStatus::Duplicate,
    MatchStatus::OutOfScope,
];

/// Whether the reader can (or did) choose this row's ward.
fn needs_choice(row: &RowReport) -> bool {
    matches!(row.status, MatchStatus::Ambiguous | MatchStatus::Unmatched)
        || row.how == Some(MatchHow::Fixed)
}

/// "Quang Trung (Đống Đa)" for a ward code, from the registry.
fn ward_label(registry: &Registry, code: &str) -> Option<String> {
    let ward = registry.wards.iter().find(|w| w.code == code)?;
    let district = registry
        .districts
        .iter()
        .find(|d| d.code == ward.district)
        .map(|d| d.name.as_str())
        .unwrap_or("");
    Some(format!("{} ({district})", ward.name))
}

#[component]
pub fn MatchReport(session: Session, registry: Memo<Option<Registry>>) -> impl IntoView {
    let i18n = use_i18n();
    let report = move || {
        session
            .outcome
            .with(|o| o.as_ref().map(|o| o.report.clone()).unwrap_or_default())
    };
    let show_all = RwSignal::new(false);
    let summary = move || {
        let t = i18n.t();
        let report = report();
        let total = count(report.len(), t.import.rows_total_one, t.import.rows_total);
        let items = STATUSES
            .into_iter()
            .map(|status| {
                let n = report.iter().filter(|r| r.status == status).count();
                view! {
                    <li
                        class=format!("import-count status-{}", status_id(status))
                        class:import-count-zero=n == 0
                        data-status=status_id(status)
                    >
                        <strong data-testid=format!("import-count-{}", status_id(status))>{n}</strong>
                        " "
                        {status_name(status, t)}
                    </li>
                }
            })
            .collect_view();
        view! {
            <p class="import-total">{total}</p>
            <ul class="import-summary" data-testid="import-summary">{items}</ul>
        }
    };
    // The rows needing a choice first, then the rest, in file order within each.
    let rows = move || {
        let mut rows = report();
        rows.sort_by_key(|r| (!needs_choice(r) && r.status == MatchStatus::Matched, r.row));
        rows
    };
    let fixes = move || {
        session
            .request
            .with(|r| r.as_ref().map(|r| r.fixes.clone()).unwrap_or_default())
    };
    let table_rows = move || {
        let rows = rows();
        let limit = if show_all.get() {
            rows.len()
        } else {
            FIRST_ROWS
        };
        let lang = i18n.lang();
        registry.with(|registry| {
            rows.into_iter()
                .take(limit)
                .map(|row| {
                    let fix = fixes().into_iter().find(|f| f.row == row.row);
                    view! { <ReportRow row fix registry=registry.clone() session lang /> }
                })
                .collect_view()
        })
    };
    let hidden = move || report().len().saturating_sub(FIRST_ROWS);
    view! {
        <section class="import-report" data-testid="import-report">
            <h3>{move || i18n.t().import.report_heading}</h3>
            {summary}
            <div class="table-scroll import-table-scroll">
                <table class="import-table" data-testid="import-table">
                    <caption class="visually-hidden">{move || i18n.t().import.report_heading}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{move || i18n.t().import.col_row}</th>
                            <th scope="col">{move || i18n.t().import.col_input}</th>
                            <th scope="col">{move || i18n.t().import.col_status}</th>
                            <th scope="col">{move || i18n.t().import.col_ward}</th>
                            <th scope="col">{move || i18n.t().import.col_detail}</th>
                        </tr>
                    </thead>
                    <tbody>{table_rows}</tbody>
                </table>
            </div>
            {move || (!show_all.get() && hidden() > 0).then(|| view! {
                <button type="button" class="link-button" on:click=move |_| show_all.set(true)>
                    {move || count(report().len(), i18n.t().import.rows_total_one, i18n.t().import.rows_total)}
                </button>
            })}
        </section>
    }
}

#[component]
fn ReportRow(
    row: RowReport,
    fix: Option<RowFix>,
    registry: Option<Registry>,
    session: Session,
    lang: Lang,
) -> impl IntoView {
    let t = crate::i18n::catalogue(lang);
    let ward = row.code.as_deref().and_then(|code| {
        registry
            .as_ref()
            .and_then(|r| ward_label(r, code))
            .or(Some(code.to_string()))
    });
    let status = match row.how {
        Some(how) if row.status == MatchStatus::Matched => {
            format!("{} ({})", status_name(row.status, t), how_name(how, t))
        }
        _ => status_name(row.status, t).to_string(),
    };
    let reason = row.reason.as_ref().map(|n| match lang {
        Lang::Vi => n.vi.clone(),
        Lang::En => n.en.clone(),
    });
    let candidates = (!row.candidates.is_empty()).then(|| {
        let lead = if row.status == MatchStatus::Ambiguous {
            t.import.candidates
        } else {
            t.import.nearest
        };
        let names = row
            .candidates
            .iter()
            .map(|c| format!("{} ({})", c.name, c.district))
            .collect::<Vec<_>>()
            .join("; ");
        view! { <p class="import-candidates">{lead}<span lang="vi">{names}</span></p> }
    });
    let picker = needs_choice(&row).then(|| {
        view! { <WardPicker row=row.clone() fix registry=registry.clone() session lang /> }
    });
    view! {
        <tr data-row=row.row data-status=status_id(row.status)>
            <td class="num">{row.row}</td>
            <td><bdi class="dataset-text">{row.input.clone()}</bdi></td>
            <td class=format!("import-status-cell status-{}", status_id(row.status))>{status}</td>
            <td lang="vi" data-ward=row.code.clone().unwrap_or_default()>{ward}</td>
            <td>
                {reason.map(|r| view! { <p class="import-reason">{r}</p> })}
                {candidates}
                {picker}
            </td>
        </tr>
    }
}

/// The choice for one row: its candidates first (ambiguous) or its nearest
/// names (unmatched), then all 175 wards by district, and "leave out".
#[component]
fn WardPicker(
    row: RowReport,
    fix: Option<RowFix>,
    registry: Option<Registry>,
    session: Session,
    lang: Lang,
) -> impl IntoView {
    let t = crate::i18n::catalogue(lang);
    let number = row.row;
    // The current choice: the fix sent, else the matched code.
    let current = match &fix {
        Some(RowFix {
            code: Some(code), ..
        }) => code.clone(),
        Some(RowFix { code: None, .. }) => "-".to_string(),
        None if row.how == Some(MatchHow::Fixed) => row.code.clone().unwrap_or_default(),
        None => String::new(),
    };
    let candidates = row
        .candidates
        .iter()
        .map(|c| {
            let selected = c.code == current;
            view! {
                <option value=c.code.clone() selected=selected lang="vi">{format!("{} ({})", c.name, c.district)}</option>
            }
        })
        .collect_view();
    let candidate_label = if row.status == MatchStatus::Ambiguous {
        t.import.candidates
    } else {
        t.import.nearest
    };
    let all = registry
        .map(|registry| {
            registry
                .districts
                .iter()
                .map(|d| {
                    let options = registry
                        .wards
                        .iter()
                        .filter(|w| w.district == d.code)
                        .map(|w| {
                            // A candidate already listed above is not selected twice.
                            let selected = w.code == current
                                && !row.candidates.iter().any(|c| c.code == current);
                            // With its district: a closed select shows the option alone.
                            let text = format!("{} ({})", w.name, d.name);
                            view! { <option value=w.code.clone() selected=selected lang="vi">{text}</option> }
                        })
                        .collect_view();
                    view! { <optgroup label=d.name.clone() lang="vi">{options}</optgroup> }
                })
                .collect_view()
        });
    let on_change = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        session.edit(|r| {
            r.fixes.retain(|f| f.row != number);
            match value.as_str() {
                "" => {}
                "-" => r.fixes.push(RowFix {
                    row: number,
                    code: None,
                }),
                code => r.fixes.push(RowFix {
                    row: number,
                    code: Some(code.to_string()),
                }),
            }
        });
    };
    view! {
        <select
            class="import-pick"
            data-testid=format!("import-pick-{number}")
            aria-label=fill(t.import.pick_ward, &[("row", &number)])
            on:change=on_change
        >
            <option value="" selected=current.is_empty()>{t.import.pick_placeholder}</option>
            {(!row.candidates.is_empty()).then(|| view! {
                <optgroup label=candidate_label>{candidates}</optgroup>
            })}
            {all}
            <option value="-" selected=current == "-">{t.import.leave_out}</option>
        </select>
    }
}
