use super::Strings;
use crate::config::ProblemKind as P;
use crate::launch::LaunchWarning as W;

pub const STRINGS: Strings = Strings {
    lang_name: "繁體中文",
    skip_to_content: "跳到主要內容",
    loading: "正在載入…",
    welcome: "歡迎光臨",
    choose_journey: "請選擇您需要的服務",
    journey_survey: "評價本次購物",
    journey_survey_hint: "不到 1 分鐘的小問卷",
    journey_feedback: "意見箱",
    journey_feedback_hint: "投訴、表揚、建議或諮詢",
    journey_wayfinding: "找路",
    journey_wayfinding_hint: "門店導覽、洗手間、電梯",
    language: "語言",
    large_text: "大字模式",
    back_home: "返回首頁",
    staff: "員工入口",
    not_ready_title: "此功能尚未開放",
    not_ready_body: "這一部分還在建設中，暫時無法使用。請返回首頁選擇其他服務，或到服務台諮詢。",
    thank_you_title: "謝謝您！",
    thank_you_body: "您的意見已收到。",
    staff_title: "員工設定",
    staff_not_ready: "員工設定（PIN 登入、裝置狀態）尚未開放。",
    touchpoint: "位置：",
    config_error_title: "本裝置暫時無法使用",
    config_error_intro: "設定檔 config.json 有以下問題：",
    config_error_staff_hint: "請工作人員修改 config.json 後重新載入頁面。顧客請到服務台尋求協助。",
    config_error_location: "位置",
    config_load_failed: |why| format!("無法讀取設定檔 config.json（{why}）。"),
    problem,
    launch_warning,
    page_not_found: "找不到這個頁面。",
};

fn problem(p: &P) -> String {
    match p {
        P::Syntax { line, column } => format!("不是有效的 JSON：第 {line} 行第 {column} 欄附近有格式錯誤。"),
        P::UnknownField { field } => format!("未知欄位「{field}」（可能拼寫錯誤）。"),
        P::MissingField { field } => format!("缺少必填欄位「{field}」。"),
        P::WrongType { found, expected } => format!("類型不對：這裡是 {found}，應為 {expected}。"),
        P::UnknownValue { found, allowed } => format!("不支援的值「{found}」，可選：{}。", allowed.join("、")),
        P::Invalid { detail } => format!("無法讀取此值：{detail}"),
        P::UnsupportedVersion { found, supported } => format!("版本 {found} 不受支援，本程式讀取版本 {supported}。"),
        P::InsecureEndpoint => "接收位址必須使用 https（僅本機 localhost / 127.0.0.1 可用 http）。".into(),
        P::InvalidUrl => "不是有效的網址（應以 https:// 開頭）。".into(),
        P::InvalidColor => "顏色格式應為 #rrggbb，例如 #b3261e。".into(),
        P::InvalidId => "編號只能由小寫字母、數字和「-」組成，最長 64 個字元。".into(),
        P::DuplicateId { id } => format!("編號「{id}」重複。"),
        P::UnknownReference { id } => format!("引用了不存在的編號「{id}」。"),
        P::EmptyText => "文字為空：至少填寫一種語言。".into(),
        P::EmptyList => "清單不能為空。".into(),
        P::OutOfRange { min, max } => format!("數值超出範圍（{min}–{max}）。"),
        P::UnsafeLink => "連結必須是相對路徑或 https 位址。".into(),
        P::FieldNotUsed { field, kind } => format!("「{kind}」類型的問題不使用欄位「{field}」。"),
        P::FieldRequired { field, kind } => format!("「{kind}」類型的問題必須有欄位「{field}」。"),
        P::ForwardReference { id } => format!("條件只能引用前面的問題，「{id}」不在本題之前。"),
        P::ImpossibleCondition => "這個條件永遠無法滿足（數值超出量表範圍，或與所引用的問題類型不符）。".into(),
        P::InvalidCondition => "條件必須且只能包含 at_most、at_least、any_of 其中一項。".into(),
        P::InvalidToken => "權杖不能為空，也不能包含空格。".into(),
    }
}

fn launch_warning(w: &W) -> String {
    match w {
        W::UnknownTouchpoint(v) => format!("連結中的位置「{v}」不存在，已使用預設位置。"),
        W::UnknownLanguage(v) => format!("連結中的語言「{v}」不受支援，已使用預設語言。"),
        W::UnknownMode(v) => format!("連結中的顯示模式「{v}」不受支援，已使用預設模式。"),
        W::UnknownJourney(v) => format!("連結中的服務「{v}」不存在。"),
        W::JourneyNotOffered(_) => "此位置不提供連結中的服務。".into(),
    }
}
