//! The application form: what the producer types, and the rules it is checked against.

use super::*;

/// The application form as typed (a plain HTML form can send it).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ApplicationForm {
    pub booth_type: String,
    pub booth_count: String,
    /// "" for no preference.
    pub zone: String,
    /// Checked products: `products[<id>] = on`.
    pub products: BTreeMap<String, String>,
    /// Keyed by [`ApplicationForm::answer_key`]: `answers[q<question id>]`, and
    /// `answers[q<question id>-<n>]` for the n-th of several choices.
    pub answers: BTreeMap<String, String>,
    pub note: String,
    /// "submit" to send it to the department, anything else keeps a draft.
    pub intent: String,
}

/// A question as the form needs to check an answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AskedQuestion {
    pub question_id: i64,
    pub kind: super::super::booths::QuestionKind,
    pub required: bool,
    pub choices: Vec<String>,
    /// For a question asking for a document: one is attached (uploaded on its own form).
    pub attached: bool,
}

/// A checked application, ready to store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApplicationInput {
    pub booth_type_id: Option<i64>,
    pub booth_count: i64,
    pub zone_id: Option<i64>,
    pub products: Vec<i64>,
    /// (question id, answer)
    pub answers: Vec<(i64, String)>,
    pub note: Option<String>,
    pub submit: bool,
}

/// What [`ApplicationForm::validate`] checks the form against.
pub struct ApplyRules<'a> {
    pub booth_types: &'a [i64],
    pub zones: &'a [i64],
    pub max_booths: i64,
    /// The producer's own product ids, with their rating (for a call with a minimum).
    pub products: &'a [(i64, Option<u8>)],
    pub min_stars: Option<u8>,
    pub questions: &'a [AskedQuestion],
}

impl ApplicationForm {
    /// A question's key in [`ApplicationForm::answers`], or with `Some(n)` its n-th choice's. The
    /// key starts with a letter: a form decoder reads a key starting with a digit as a list
    /// index, and `5-0` would refuse the whole form.
    pub fn answer_key(question_id: i64, choice: Option<usize>) -> String {
        match choice {
            None => format!("q{question_id}"),
            Some(n) => format!("q{question_id}-{n}"),
        }
    }

    /// A draft may be incomplete; a submission must be whole.
    pub fn validate(&self, rules: &ApplyRules, lang: Lang) -> Result<ApplicationInput, Vec<FieldError>> {
        let submit = self.intent == "submit";
        let mut errors = Vec::new();
        let e = |f: &str, vi: &str, en: &str| FieldError::new(f, lang.tr_owned(vi, en));
        let booth_type_id = match self.booth_type.trim() {
            "" => {
                if submit {
                    errors.push(e(
                        "booth_type",
                        "Vui lòng chọn loại gian hàng.",
                        "Please choose a booth type.",
                    ));
                }
                None
            }
            s => match s.parse::<i64>().ok().filter(|id| rules.booth_types.contains(id)) {
                Some(id) => Some(id),
                None => {
                    errors.push(e("booth_type", "Loại gian hàng không hợp lệ.", "Unknown booth type."));
                    None
                }
            },
        };
        let booth_count = match self.booth_count.trim() {
            "" => 1,
            s => match s.parse::<i64>() {
                Ok(n) if (1..=rules.max_booths).contains(&n) => n,
                _ => {
                    errors.push(FieldError::new(
                        "booth_count",
                        lang.tr_owned(
                            &format!("Số gian từ 1 đến {}.", rules.max_booths),
                            &format!("Between 1 and {} booths.", rules.max_booths),
                        ),
                    ));
                    1
                }
            },
        };
        let zone_id = match self.zone.trim() {
            "" => None,
            s => match s.parse::<i64>().ok().filter(|id| rules.zones.contains(id)) {
                Some(id) => Some(id),
                None => {
                    errors.push(e("zone", "Khu vực không hợp lệ.", "Unknown zone."));
                    None
                }
            },
        };
        let mut products = Vec::new();
        for (key, value) in &self.products {
            if value.is_empty() {
                continue;
            }
            match key
                .parse::<i64>()
                .ok()
                .filter(|id| rules.products.iter().any(|p| p.0 == *id))
            {
                Some(id) => products.push(id),
                None => errors.push(e(
                    "products",
                    "Sản phẩm không thuộc đơn vị của bạn.",
                    "Not one of your products.",
                )),
            }
        }
        products.sort_unstable();
        products.dedup();
        if submit && products.is_empty() {
            errors.push(e(
                "products",
                "Vui lòng chọn ít nhất một sản phẩm sẽ trưng bày.",
                "Please choose at least one product to show.",
            ));
        }
        if let (true, Some(min)) = (submit && !products.is_empty(), rules.min_stars) {
            let best = products
                .iter()
                .filter_map(|id| rules.products.iter().find(|p| p.0 == *id).and_then(|p| p.1))
                .max();
            if best.is_none_or(|b| b < min) {
                errors.push(FieldError::new(
                    "products",
                    lang.tr_owned(
                        &format!("Đợt đăng ký này chỉ dành cho sản phẩm OCOP từ {min} sao: hãy chọn ít nhất một sản phẩm như vậy."),
                        &format!("This call is for OCOP products of {min} stars or more: choose at least one."),
                    ),
                ));
            }
        }
        let mut answers = Vec::new();
        for q in rules.questions {
            let key = Self::answer_key(q.question_id, None);
            let value = if q.kind == super::super::booths::QuestionKind::Many {
                let mut picked = Vec::new();
                for (n, choice) in q.choices.iter().enumerate() {
                    let picked_key = Self::answer_key(q.question_id, Some(n));
                    if self.answers.get(&picked_key).is_some_and(|v| !v.is_empty()) {
                        picked.push(choice.clone());
                    }
                }
                picked.join("\n")
            } else {
                self.answers.get(&key).map(|v| v.trim().to_string()).unwrap_or_default()
            };
            let field = format!("answers[{key}]");
            if value.chars().count() > 4000 {
                errors.push(FieldError::new(
                    &field,
                    lang.tr_owned("Tối đa 4000 ký tự.", "At most 4000 characters."),
                ));
                continue;
            }
            match q.kind {
                super::super::booths::QuestionKind::YesNo if !value.is_empty() && value != "yes" && value != "no" => {
                    errors.push(FieldError::new(&field, lang.a().choose_one));
                    continue;
                }
                super::super::booths::QuestionKind::One if !value.is_empty() && !q.choices.contains(&value) => {
                    errors.push(FieldError::new(&field, lang.a().choose_one));
                    continue;
                }
                _ => {}
            }
            if submit && q.required && q.kind == super::super::booths::QuestionKind::File && !q.attached {
                errors.push(FieldError::new(
                    &field,
                    lang.tr_owned(
                        "Vui lòng tải lên tài liệu này trước khi nộp hồ sơ.",
                        "Please upload this document before you submit.",
                    ),
                ));
                continue;
            }
            if submit && q.required && value.is_empty() && q.kind != super::super::booths::QuestionKind::File {
                errors.push(FieldError::new(
                    &field,
                    lang.tr_owned("Câu hỏi này bắt buộc trả lời.", "This question needs an answer."),
                ));
                continue;
            }
            if !value.is_empty() {
                answers.push((q.question_id, value));
            }
        }
        let note = self.note.trim();
        if note.chars().count() > 2000 {
            errors.push(e(
                "note",
                "Ghi chú tối đa 2000 ký tự.",
                "A note has at most 2000 characters.",
            ));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ApplicationInput {
            booth_type_id,
            booth_count,
            zone_id,
            products,
            answers,
            note: (!note.is_empty()).then(|| note.to_string()),
            submit,
        })
    }
}
