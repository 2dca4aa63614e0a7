//! The staff export of an event's applications.

use super::*;

/// An event's applications as a table: every field, every answer, the score and its parts, the
/// booths. The first row names the columns.
pub async fn export(state: &AppState, req: &RequestInfo, event_id: i64) -> Result<(String, Vec<Vec<String>>)> {
    req.staff()?;
    let lang = req.lang;
    let ranked = ranked(state, event_id, lang).await?;
    let (ev, rows) = (&ranked.ev, &ranked.rows);
    let questions = db::booths::questions(&state.db, event_id).await?;
    let answers = db::application::event_answers(&state.db, event_id).await?;
    let groups = db::reference::product_groups(&state.db, lang).await?;
    // the rows hold the groups' codes; a reader wants their names
    let group_names = |codes: &[String]| -> String {
        codes
            .iter()
            .map(|c| {
                groups
                    .iter()
                    .find(|g| &g.code == c)
                    .map_or(c.as_str(), |g| g.name.as_str())
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    let t = |vi: &str, en: &str| lang.tr_owned(vi, en);
    let mut header = vec![
        t("Hạng", "Rank"),
        t("Mã hồ sơ", "Application"),
        t("Đơn vị", "Producer"),
        t("Mã số thuế", "Tax code"),
        t("Xã/phường", "Commune"),
        t("Trạng thái", "Status"),
        t("Nộp lúc", "Submitted"),
        t("Loại gian hàng", "Booth type"),
        t("Số gian", "Booths"),
        t("Khu vực mong muốn", "Zone wanted"),
        t("Sản phẩm", "Products"),
        t("Nhóm sản phẩm", "Product groups"),
        t("Sao OCOP (xác minh)", "OCOP stars (verified)"),
        t("Sao OCOP (kê khai)", "OCOP stars (claimed)"),
        t("GCN hết hạn trước sự kiện", "Certificate expires before the event"),
        t("Điểm ưu tiên", "Priority score"),
    ];
    for part in [
        Part::Rating(None),
        Part::Certificate,
        Part::TargetGroup,
        Part::FirstTime,
    ] {
        header.push(format!(
            "{} — {}",
            t("Điểm", "Points"),
            match part {
                Part::Rating(_) => t("hạng OCOP", "OCOP rating"),
                other => other.label(lang),
            }
        ));
    }
    header.extend([
        t("Gian hàng được phân bổ", "Booths allocated"),
        t("Số tiền phải nộp (đ)", "Amount due (VND)"),
        t("Đã nộp phí", "Fee paid"),
        t("Ghi chú của đơn vị", "Producer's note"),
        t("Lời nhắn gửi đơn vị", "Message to the producer"),
        t("Ghi chú nội bộ", "Internal comment"),
    ]);
    for q in &questions {
        header.push(lang.pick(&q.label_vi, q.label_en.as_deref()).to_string());
    }
    let yes = t("Có", "Yes");
    let no = t("Không", "No");
    let mut table = vec![header];
    for r in rows {
        let points = |f: &dyn Fn(&Part) -> bool| -> String {
            r.score
                .parts
                .iter()
                .filter(|p| f(&p.0))
                .map(|p| p.1)
                .sum::<i32>()
                .to_string()
        };
        let mut line = vec![
            r.rank.to_string(),
            r.application_id.to_string(),
            r.producer.clone(),
            r.tax_code.clone().unwrap_or_default(),
            r.commune.clone(),
            r.status.label(lang).to_string(),
            r.submitted.clone(),
            r.booth_type.clone(),
            r.booth_count.to_string(),
            r.zone.clone(),
            r.products.join("; "),
            group_names(&r.groups),
            r.stars.map(|s| s.to_string()).unwrap_or_default(),
            r.claimed_stars.map(|s| s.to_string()).unwrap_or_default(),
            if r.certificate_expires { yes.clone() } else { no.clone() },
            r.score.total.to_string(),
            points(&|p| matches!(p, Part::Rating(_))),
            points(&|p| *p == Part::Certificate),
            points(&|p| *p == Part::TargetGroup),
            points(&|p| *p == Part::FirstTime),
            r.booths.join(", "),
            r.amount_due.to_string(),
            if r.paid { yes.clone() } else { no.clone() },
            r.note.clone().unwrap_or_default(),
            r.message.clone().unwrap_or_default(),
            r.staff_comment.clone().unwrap_or_default(),
        ];
        for q in &questions {
            let document = r.documents.iter().find(|d| d.0 == q.question_id);
            let a = answers
                .iter()
                .find(|a| a.0 == r.application_id && a.1 == q.question_id)
                .map(|a| a.2.replace('\n', "; "))
                .or_else(|| document.map(|d| d.1.clone()))
                .unwrap_or_default();
            line.push(match a.as_str() {
                "yes" => yes.clone(),
                "no" => no.clone(),
                _ => a,
            });
        }
        table.push(line);
    }
    Ok((ev.title(lang), table))
}
