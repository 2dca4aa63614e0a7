use super::*;

/// Every allowed transition, written out by hand: the machine is this table and nothing else.
const ALLOWED: &[(Status, Action, Status)] = {
    use Action as A;
    use Status as S;
    &[
        (S::Draft, A::Submit, S::Submitted),
        (S::Draft, A::Withdraw, S::Withdrawn),
        (S::Submitted, A::StartReview, S::InReview),
        (S::Submitted, A::Approve, S::Approved),
        (S::Submitted, A::Waitlist, S::Waitlisted),
        (S::Submitted, A::Reject, S::Rejected),
        (S::Submitted, A::RequestChanges, S::ChangesRequested),
        (S::Submitted, A::Withdraw, S::Withdrawn),
        (S::InReview, A::Approve, S::Approved),
        (S::InReview, A::Waitlist, S::Waitlisted),
        (S::InReview, A::Reject, S::Rejected),
        (S::InReview, A::RequestChanges, S::ChangesRequested),
        (S::InReview, A::Withdraw, S::Withdrawn),
        (S::ChangesRequested, A::Submit, S::Submitted),
        (S::ChangesRequested, A::Withdraw, S::Withdrawn),
        (S::Approved, A::Reject, S::Rejected),
        (S::Approved, A::Withdraw, S::Withdrawn),
        (S::Waitlisted, A::Approve, S::Approved),
        (S::Waitlisted, A::Reject, S::Rejected),
        (S::Waitlisted, A::Offer, S::Offered),
        (S::Waitlisted, A::Withdraw, S::Withdrawn),
        (S::Offered, A::AcceptOffer, S::Approved),
        (S::Offered, A::LapseOffer, S::Lapsed),
        (S::Offered, A::Withdraw, S::Withdrawn),
        (S::Lapsed, A::Approve, S::Approved),
        (S::Lapsed, A::Reject, S::Rejected),
    ]
};

#[test]
fn every_status_and_action_pair_follows_the_table() {
    let mut checked = 0;
    for from in STATUSES {
        for action in ACTIONS {
            let expected = ALLOWED.iter().find(|t| t.0 == from && t.1 == action).map(|t| t.2);
            assert_eq!(next(from, action), expected, "{from:?} --{action:?}-->");
            checked += 1;
        }
    }
    assert_eq!(checked, 100);
    assert_eq!(ALLOWED.len(), 26);
}

#[test]
fn the_machine_has_the_shape_the_department_asked_for() {
    // final states have no way out
    for s in STATUSES.into_iter().filter(|s| s.is_final()) {
        assert!(ACTIONS.into_iter().all(|a| next(s, a).is_none()), "{s:?}");
    }
    // a producer can withdraw whenever anything is still pending
    for s in STATUSES.into_iter().filter(|s| !s.is_final() && *s != Status::Lapsed) {
        assert_eq!(next(s, Action::Withdraw), Some(Status::Withdrawn), "{s:?}");
    }
    // every status is reachable from a draft
    let mut seen = vec![Status::Draft];
    let mut i = 0;
    while i < seen.len() {
        for a in ACTIONS {
            if let Some(n) = next(seen[i], a) {
                if !seen.contains(&n) {
                    seen.push(n);
                }
            }
        }
        i += 1;
    }
    assert_eq!(seen.len(), STATUSES.len());
    // only producers submit and accept; only staff decide
    for (_, a, _) in ALLOWED {
        let who = a.actor();
        match a {
            Action::Submit | Action::AcceptOffer | Action::Withdraw => assert_eq!(who, Actor::Producer),
            Action::Offer | Action::LapseOffer => assert_eq!(who, Actor::System),
            _ => assert_eq!(who, Actor::Staff),
        }
    }
    // codes round-trip
    for s in STATUSES {
        assert_eq!(Status::parse(s.code()), Some(s));
    }
    for a in ACTIONS {
        assert_eq!(Action::parse(a.code()), Some(a));
    }
}

#[test]
fn editing_stops_when_the_call_closes_or_review_starts() {
    assert!(producer_may_edit(Status::Draft, true));
    assert!(!producer_may_edit(Status::Draft, false));
    assert!(producer_may_edit(Status::Submitted, true));
    assert!(!producer_may_edit(Status::Submitted, false));
    assert!(!producer_may_edit(Status::InReview, true));
    assert!(producer_may_edit(Status::ChangesRequested, false));
    assert!(!producer_may_edit(Status::Approved, true));
}

#[test]
fn the_score_shows_its_parts() {
    let w = Weights::default();
    let s = score(
        ScoreInput {
            verified_stars: Some(4),
            certificate_valid: true,
            in_target_group: true,
            first_time: false,
        },
        &w,
    );
    assert_eq!(s.total, 60);
    assert_eq!(
        s.parts,
        vec![
            (Part::Rating(Some(4)), 40),
            (Part::Certificate, 10),
            (Part::TargetGroup, 10)
        ]
    );
    let unrated = score(
        ScoreInput {
            first_time: true,
            certificate_valid: true,
            ..ScoreInput::default()
        },
        &w,
    );
    assert_eq!(unrated.total, 10, "no certificate points without a verified rating");
    let five = score(
        ScoreInput {
            verified_stars: Some(5),
            ..ScoreInput::default()
        },
        &Weights { stars_5: 70, ..w },
    );
    assert_eq!(five.total, 70, "weights are the event's");
    // order: score, then the earlier submission, then the older application
    let mut v = vec![(60, 100, 3), (70, 200, 2), (60, 50, 4), (60, 50, 1)];
    v.sort_by(|a, b| priority_order(*a, *b));
    assert_eq!(v, vec![(70, 200, 2), (60, 50, 1), (60, 50, 4), (60, 100, 3)]);
}

fn booth(id: i64, x: i32, y: i32, zone: i64) -> FreeBooth {
    FreeBooth {
        booth_id: id,
        booth_type_id: 1,
        zone_id: Some(zone),
        x,
        y,
        width: 1,
        held_for: None,
    }
}

#[test]
fn the_proposal_honours_priority_zones_adjacency_and_blocks() {
    // row 1: booths 1..4 in zone 10, row 2: booths 5..8 in zone 20; booth 4 has a gap before it
    let mut free: Vec<FreeBooth> = vec![
        booth(1, 1, 1, 10),
        booth(2, 2, 1, 10),
        booth(3, 3, 1, 10),
        booth(4, 5, 1, 10),
    ];
    free.extend((5..=8).map(|i| booth(i, (i - 4) as i32, 2, 20)));
    free[7].held_for = Some(Some(77)); // booth 8 is held for commune 77
    let want = |id, count, zone, commune| Want {
        application_id: id,
        count,
        booth_type_id: Some(1),
        zone_id: zone,
        commune_id: commune,
    };
    let wants = vec![
        want(100, 1, Some(20), None),
        want(101, 2, Some(10), None),
        want(102, 2, Some(10), None),
        want(103, 1, None, Some(77)),
        want(104, 3, None, None),
    ];
    let p = propose(&wants, &free);
    assert_eq!(
        p,
        vec![
            (100, 5),
            (101, 1),
            (101, 2),
            // 3 and 4 are not side by side, but the zone asked for comes before adjacency
            (102, 3),
            (102, 4),
            // the booth held for commune 77 goes to its producer
            (103, 8),
            // not enough left side by side: what there is
            (104, 6),
            (104, 7),
        ]
    );
    assert_eq!(propose(&wants, &free), p, "deterministic");
    // nobody else takes a held booth
    let p2 = propose(&[want(200, 8, None, None)], &free);
    assert!(!p2.iter().any(|x| x.1 == 8));
    assert_eq!(p2.len(), 7);
}

fn rules_products() -> Vec<(i64, Option<u8>)> {
    vec![(1, Some(4)), (2, None)]
}

#[test]
fn a_required_document_must_be_attached_before_submitting() {
    let products = rules_products();
    let mut questions = vec![AskedQuestion {
        question_id: 4,
        kind: crate::domain::booths::QuestionKind::File,
        required: true,
        choices: Vec::new(),
        attached: false,
    }];
    let mut form = ApplicationForm {
        booth_type: "5".into(),
        intent: "submit".into(),
        ..Default::default()
    };
    form.products.insert("1".into(), "on".into());
    let check = |questions: &[AskedQuestion], intent: &str| {
        let rules = ApplyRules {
            booth_types: &[5],
            zones: &[7],
            max_booths: 2,
            products: &products,
            min_stars: None,
            questions,
        };
        let mut f = form.clone();
        f.intent = intent.into();
        f.validate(&rules, Lang::Vi)
    };
    let errors = check(&questions, "submit").unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].field, "answers[q4]");
    assert_eq!(errors[0].message, "Vui lòng tải lên tài liệu này trước khi nộp hồ sơ.");
    // a draft may wait for it
    assert!(check(&questions, "draft").is_ok());
    questions[0].attached = true;
    let input = check(&questions, "submit").unwrap();
    assert!(input.answers.is_empty(), "a document is not an answer in text");
    // an optional document may be missing
    questions[0].attached = false;
    questions[0].required = false;
    assert!(check(&questions, "submit").is_ok());
}

#[test]
fn file_sizes_and_names_for_people() {
    assert_eq!(file_size(850), "850 B");
    assert_eq!(file_size(120 * 1024), "120 KB");
    assert_eq!(file_size(3_565_158), "3,4 MB");
    assert_eq!(file_size(10 * 1024 * 1024), "10,0 MB");
    assert_eq!(
        shown_file_name("C:\\Users\\an\\Giấy phép ATTP.pdf"),
        "Giấy phép ATTP.pdf"
    );
    assert_eq!(shown_file_name("../../etc/passwd"), "passwd");
    assert_eq!(shown_file_name("a\"b\nc.pdf"), "abc.pdf");
    assert_eq!(shown_file_name("  "), "tai-lieu");
    assert_eq!(shown_file_name(&"x".repeat(300)).chars().count(), 120);
}

#[test]
fn a_submission_must_be_whole_a_draft_need_not() {
    let products = rules_products();
    let questions = vec![AskedQuestion {
        question_id: 9,
        kind: crate::domain::booths::QuestionKind::One,
        required: true,
        choices: vec!["Chưa".into(), "Rồi".into()],
        attached: false,
    }];
    let rules = ApplyRules {
        booth_types: &[5],
        zones: &[7],
        max_booths: 2,
        products: &products,
        min_stars: Some(3),
        questions: &questions,
    };
    let draft = ApplicationForm::default();
    assert!(draft.validate(&rules, Lang::Vi).is_ok());
    let submit = ApplicationForm {
        intent: "submit".into(),
        ..ApplicationForm::default()
    };
    let fields: Vec<String> = submit
        .validate(&rules, Lang::Vi)
        .unwrap_err()
        .into_iter()
        .map(|e| e.field)
        .collect();
    assert_eq!(fields, ["booth_type", "products", "answers[q9]"]);
    let mut ok = ApplicationForm {
        booth_type: "5".into(),
        booth_count: "2".into(),
        zone: "7".into(),
        intent: "submit".into(),
        ..ApplicationForm::default()
    };
    ok.products.insert("2".into(), "on".into());
    ok.answers.insert(ApplicationForm::answer_key(9, None), "Rồi".into());
    let fields: Vec<String> = ok
        .validate(&rules, Lang::Vi)
        .unwrap_err()
        .into_iter()
        .map(|e| e.field)
        .collect();
    assert_eq!(fields, ["products"], "only unrated products for a 3★ call");
    ok.products.insert("1".into(), "on".into());
    let input = ok.validate(&rules, Lang::Vi).unwrap();
    assert_eq!(input.products, vec![1, 2]);
    assert_eq!(input.answers, vec![(9, "Rồi".to_string())]);
    for (field, bad) in [
        (
            "booth_count",
            ApplicationForm {
                booth_count: "3".into(),
                ..ok.clone()
            },
        ),
        (
            "booth_type",
            ApplicationForm {
                booth_type: "6".into(),
                ..ok.clone()
            },
        ),
        (
            "zone",
            ApplicationForm {
                zone: "8".into(),
                ..ok.clone()
            },
        ),
    ] {
        let errs = bad.validate(&rules, Lang::Vi).unwrap_err();
        assert_eq!(errs[0].field, field);
    }
    let mut other = ok.clone();
    other.products.insert("99".into(), "on".into());
    assert_eq!(other.validate(&rules, Lang::Vi).unwrap_err()[0].field, "products");
}

#[test]
fn the_review_filter_finds_without_diacritics() {
    let row = |id: i64, name: &str, status: Status, rank: usize| ReviewRow {
        application_id: id,
        producer: name.into(),
        commune_id: Some(1),
        commune: "Buôn Ma Thuột".into(),
        stars: Some(4),
        claimed_stars: Some(4),
        groups: vec!["beverage".into()],
        products: vec![],
        booth_type_id: Some(5),
        booth_type: "Gian tiêu chuẩn".into(),
        booth_count: 1,
        zone: String::new(),
        status,
        submitted: String::new(),
        submitted_ts: 100 - id,
        score: Score::default(),
        rank,
        booths: vec![],
        amount_due: 0,
        paid: false,
        certificate_expires: false,
        staff_comment: None,
        message: None,
        documents: vec![],
        tax_code: None,
        zone_id: None,
        note: None,
        answers: String::new(),
        search: fold(name),
    };
    let rows = vec![
        row(1, "HTX Cà phê Ea Tu", Status::Submitted, 2),
        row(2, "Công ty Mắc ca Đắk Lắk", Status::Approved, 1),
    ];
    let f = ReviewFilter {
        q: "ca phe".into(),
        ..ReviewFilter::default()
    };
    assert_eq!(f.apply(&rows).len(), 1);
    let all = ReviewFilter::default().apply(&rows);
    assert_eq!(all.iter().map(|r| r.application_id).collect::<Vec<_>>(), [2, 1]);
    let by_status = ReviewFilter {
        status: "approved".into(),
        ..ReviewFilter::default()
    };
    assert_eq!(by_status.apply(&rows)[0].application_id, 2);
    let by_time = ReviewFilter {
        sort: "submitted".into(),
        ..ReviewFilter::default()
    };
    assert_eq!(by_time.apply(&rows)[0].application_id, 2);
    let none = ReviewFilter {
        stars: "5".into(),
        ..ReviewFilter::default()
    };
    assert!(none.apply(&rows).is_empty());
    // the pager keeps the filter
    let q = by_status.query_for_page(3);
    assert!(q.starts_with("status=approved&") && q.ends_with("&page=3"), "{q}");
}
