use super::Strings;
use crate::wayfinding::warnings::WarningKind;
#[cfg(feature = "full")]
use crate::outbox::policy::Failure as F;
use crate::number::decimal;
#[cfg(feature = "full")]
use crate::config::PlaceKind;
#[cfg(feature = "full")]
use crate::feedback::FeedbackKind;
use crate::config::ProblemKind as P;
use crate::launch::LaunchWarning as W;
#[cfg(feature = "full")]
use crate::i18n::{FeedbackIssue, WayStep};
use crate::survey::Issue as SurveyIssue;

pub const STRINGS: Strings = Strings {
    lang_name: "繁體中文",
    skip_to_content: "跳到主要內容",
    loading: "正在載入…",
    handover_refused_title: "暫時無法開啟此頁面",
    handover_refused_body: "本裝置上有一份回答尚未儲存，切換頁面會使其遺失。請聯絡工作人員。",
    handover_offline_body: "此頁面需要網路，但目前無法連線。請稍後再試，或聯絡工作人員。",
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
    thank_you_title: "謝謝您！",
    thank_you_body: "您的意見已收到。",
    #[cfg(feature = "full")]
    staff_title: "員工設定",
    touchpoint: "位置：",
    config_error_title: "本裝置暫時無法使用",
    config_error_intro: "設定檔 config.json 有以下問題：",
    config_error_staff_hint: "請工作人員修改 config.json 後重新載入頁面。顧客請到服務台尋求協助。",
    config_warning: |w| match w {
        WarningKind::NoStepFreeRoute { from } => format!("從 {} 沒有無障礙路線：只能經樓梯或自動扶梯到達。", from.join("、")),
        WarningKind::PublicToken => "config.json 是公開的：任何人都能讀到這個權杖，並以這個服務點的名義提交回答。請改為在員工模式（本裝置）中為每台裝置設定各自的權杖。".to_string(),
    },
    config_ok: "沒有發現問題。",
    config_warnings_intro: "值得留意（不是錯誤）：",
    config_load_failed: |why| format!("無法讀取設定檔 config.json（{why}）。"),
    config_timed_out: |secs| format!("設定檔 config.json 在 {secs} 秒內沒有送達。"),
    problem,
    launch_warning,
    page_not_found: "找不到這個頁面。",
    survey_progress: |n, of| format!("第 {n} 題，共 {of} 題"),
    next: "下一題",
    back: "上一題",
    skip: "跳過",
    submit: "提交",
    submitting: "正在提交…",
    required: "必答",
    optional: "選答",
    csat_words: ["非常不滿意", "不滿意", "一般", "滿意", "非常滿意"],
    csi_scale_hint: "1 分表示很差，5 分表示很好",
    other: "其他",
    other_details: "請說明其他原因",
    chars_used: |n, max| format!("已輸入 {n} / {max} 字"),
    survey_issue: |issue, missing_rows| match issue {
        SurveyIssue::Required => "這道題必須回答，請選擇後再繼續。".into(),
        SurveyIssue::RowsMissing(_) => format!("還有 {missing_rows} 項沒有評分。"),
        SurveyIssue::OtherEmpty => "您選擇了「其他」，請寫下具體原因，或取消勾選。".into(),
        SurveyIssue::TooLong { max } => format!("最多 {max} 個字，請刪減一些。"),
        SurveyIssue::Invalid => "這個答案無法接受，請重新選擇。".into(),
    },
    save_failed: |why| format!("您的回答暫時無法儲存到本裝置（{why}）。回答已保留在本裝置上，系統會自動重試儲存；請告訴工作人員。"),
    try_again: "再試一次",
    back_home_in: |s| format!("{s} 秒後自動返回首頁"),
    #[cfg(feature = "full")]
    fb_kind_question: "您想告訴我們什麼？",
    #[cfg(feature = "full")]
    fb_kind: |k| match k {
        FeedbackKind::Complaint => ("投訴", "哪裡做得不好"),
        FeedbackKind::Praise => ("表揚", "誰讓您滿意"),
        FeedbackKind::Suggestion => ("建議", "我們可以怎樣改進"),
        FeedbackKind::Question => ("諮詢", "您想了解什麼"),
    },
    #[cfg(feature = "full")]
    fb_category_question: "是關於哪方面的？",
    #[cfg(feature = "full")]
    fb_text_label: "請寫下具體內容",
    #[cfg(feature = "full")]
    fb_department: "相關部門或櫃台",
    #[cfg(feature = "full")]
    fb_staff_member: "相關員工（姓名或工號）",
    #[cfg(feature = "full")]
    fb_visit_date: "到店日期",
    #[cfg(feature = "full")]
    fb_optional: "（選填）",
    #[cfg(feature = "full")]
    fb_consent_heading: "希望我們聯絡您嗎？（選填）",
    #[cfg(feature = "full")]
    fb_name: "稱呼",
    #[cfg(feature = "full")]
    fb_phone: "手機號碼",
    #[cfg(feature = "full")]
    fb_phone_hint: "中國大陸手機號，或以 + 開頭的國際號碼",
    #[cfg(feature = "full")]
    fb_email: "電子郵件",
    #[cfg(feature = "full")]
    fb_channel: "希望的聯絡方式",
    #[cfg(feature = "full")]
    fb_channel_phone: "電話",
    #[cfg(feature = "full")]
    fb_channel_email: "郵件",
    #[cfg(feature = "full")]
    fb_pii_notice: "您的文字裡似乎有電話號碼或郵件地址。您還沒有同意我們保存聯絡方式：可以把它們移到下方的聯絡方式中（需要勾選同意），或者從文字中刪除。",
    #[cfg(feature = "full")]
    fb_pii_move: "移到聯絡方式",
    #[cfg(feature = "full")]
    fb_pii_remove: "從文字中刪除",
    #[cfg(feature = "full")]
    fb_fix_these: "請先修改以下問題：",
    #[cfg(feature = "full")]
    fb_issue: |i| match i {
        FeedbackIssue::NoKind => "請選擇您要投訴、表揚、建議還是諮詢。".into(),
        FeedbackIssue::NoCategory => "請選擇是關於哪方面的。".into(),
        FeedbackIssue::EmptyText => "請寫下具體內容。".into(),
        FeedbackIssue::TooLong(max) => format!("內容最多 {max} 個字，請刪減一些。"),
        FeedbackIssue::BadDate => "日期格式應為 年-月-日。".into(),
        FeedbackIssue::BadPhone => "手機號碼不正確：請填寫 11 位中國大陸手機號，或以 + 開頭的國際號碼。".into(),
        FeedbackIssue::BadEmail => "電子郵件格式不正確，例如 name@example.com。".into(),
        FeedbackIssue::NothingToReachBy => "請至少留下手機號碼或電子郵件，或者取消勾選同意。".into(),
        FeedbackIssue::ChannelMissing => "您選擇的聯絡方式還沒有填寫。".into(),
        FeedbackIssue::NameTooLong => "稱呼最多 100 個字。".into(),
    },
    fb_reference: "您的處理編號",
    fb_reference_hint: "如需查詢處理進度，請向工作人員出示此編號。",
    fb_qr_label: |r| format!("處理編號 {r} 的二維碼，可用手機掃描保存"),
    #[cfg(feature = "full")]
    fb_no_crypto: "本裝置無法安全保存聯絡方式（頁面不是透過 https 開啟的）。請取消勾選同意後再提交，或到服務台留下聯絡方式。",
    #[cfg(feature = "full")]
    wf_search: "搜尋店鋪、商品或設施",
    #[cfg(feature = "full")]
    wf_search_hint: "可輸入中文、英文或拼音，例如「洗手間」「toilet」「xsj」",
    #[cfg(feature = "full")]
    wf_shortcuts: "常用設施",
    #[cfg(feature = "full")]
    place_kind: |k| match k {
        PlaceKind::Department => "商品部門",
        PlaceKind::Brand => "品牌",
        PlaceKind::Service => "服務",
        PlaceKind::Toilets => "洗手間",
        PlaceKind::AccessibleToilet => "無障礙洗手間",
        PlaceKind::BabyCare => "育嬰室",
        PlaceKind::ServiceDesk => "服務台",
        PlaceKind::Lockers => "存包處",
        PlaceKind::Lift => "電梯",
        PlaceKind::Escalator => "自動扶梯",
        PlaceKind::Stairs => "樓梯",
        PlaceKind::Exit => "出口",
        PlaceKind::Atm => "自動櫃員機",
        PlaceKind::RestArea => "休息區",
        PlaceKind::Food => "餐飲",
    },
    #[cfg(feature = "full")]
    wf_results: |n| format!("找到 {n} 個地點"),
    #[cfg(feature = "full")]
    wf_no_results: "沒有找到，請換個說法，或到服務台諮詢。",
    #[cfg(feature = "full")]
    wf_route_to: |p| format!("去 {p} 的路線"),
    #[cfg(feature = "full")]
    wf_step_free: "無障礙路線（不走樓梯和扶梯）",
    #[cfg(feature = "full")]
    wf_you_are_here: "您在這裡",
    #[cfg(feature = "full")]
    wf_destination: "目的地",
    #[cfg(feature = "full")]
    wf_directions: "文字路線",
    #[cfg(feature = "full")]
    wf_step: |step, floor, place| match step {
        WayStep::Walk { metres } => format!("步行約 {metres} 公尺"),
        WayStep::ChangeFloor { by, up, .. } => {
            let how = match by {
                crate::wayfinding::graph::WalkKind::Lift => "乘電梯",
                crate::wayfinding::graph::WalkKind::Escalator => if *up { "乘扶梯上" } else { "乘扶梯下" },
                crate::wayfinding::graph::WalkKind::Stairs => if *up { "走樓梯上" } else { "走樓梯下" },
                _ => "沿坡道",
            };
            format!("{how}到 {floor}")
        }
        WayStep::Arrive { side } => match side {
            crate::wayfinding::directions::Side::Left => format!("{place}在您的左手邊"),
            crate::wayfinding::directions::Side::Right => format!("{place}在您的右手邊"),
            crate::wayfinding::directions::Side::Ahead => format!("{place}就在前方"),
        },
    },
    #[cfg(feature = "full")]
    wf_no_route: "暫時無法為這個地點規劃路線，請到服務台諮詢。",
    #[cfg(feature = "full")]
    wf_no_step_free: "這裡沒有無障礙路線，請到服務台請工作人員協助。",
    #[cfg(feature = "full")]
    wf_new_search: "重新搜尋",
    #[cfg(feature = "full")]
    wf_take_along: "用手機掃碼，把這條路線帶在身邊",
    #[cfg(feature = "full")]
    wf_map: |f| format!("{f} 平面圖"),
    #[cfg(feature = "full")]
    wf_floors: "樓層",
    #[cfg(feature = "full")]
    staff_config: "設定檔",
    #[cfg(feature = "full")]
    staff_config_fallback: "本裝置正在使用上一次可用的設定檔。目前的 config.json 未被採用：",
    #[cfg(feature = "full")]
    staff_outbox: "傳送佇列",
    #[cfg(feature = "full")]
    staff_pending: "待傳送",
    #[cfg(feature = "full")]
    staff_rejected: "被接收端拒收",
    #[cfg(feature = "full")]
    staff_unsaved: "未能寫入儲存、暫存於記憶體",
    #[cfg(feature = "full")]
    staff_storage_error: "儲存錯誤",
    #[cfg(feature = "full")]
    staff_persisted: "已取得持久儲存",
    #[cfg(feature = "full")]
    staff_sender: "由本頁面負責傳送",
    #[cfg(feature = "full")]
    staff_last_result: "上次傳送結果",
    #[cfg(feature = "full")]
    staff_next_attempt: |s| format!("{s} 秒後重試"),
    #[cfg(feature = "full")]
    staff_send_problem: "傳送失敗原因",
    #[cfg(feature = "full")]
    staff_failure: |f| match f {
        F::Network => "無法連線到接收端（找不到位址、伺服器未執行或連線中斷）。回答已保留，恢復後傳送。",
        F::Redirect => "接收端位址被重新導向到別處（代理或登入頁？）。回答已保留，請檢查 endpoint.url。",
        F::Unauthorized => "接收端拒絕了本裝置的權杖。回答已保留，請檢查觸點的權杖。",
        F::WrongAddress => "接收端位址不存在（路徑錯誤？）。回答已保留，請檢查 endpoint.url。",
        F::Format => "接收端不接受本裝置傳送的資料格式（HTTP 415）。回答已保留，請檢查 endpoint.format 和 endpoint.url。",
        F::RateLimited => "接收端要求裝置放慢傳送。回答已保留，稍後傳送。",
        F::Server => "接收端本身出現問題。回答已保留，稍後傳送。",
        F::Refused => "接收端認為部分回答無效而拒收，這些回答保存在「被接收端拒收」中。",
        F::Other => "接收端的回應出乎意料。回答已保留，稍後傳送。",
    },
    #[cfg(feature = "full")]
    staff_only_title: "僅限員工",
    #[cfg(feature = "full")]
    staff_only_body: "此頁面供門市員工使用。如果您是顧客，請點「返回首頁」。",
    #[cfg(feature = "full")]
    staff_pin: "員工 PIN 碼",
    #[cfg(feature = "full")]
    staff_sign_in: "登入",
    #[cfg(feature = "full")]
    staff_checking: "正在核對…",
    #[cfg(feature = "full")]
    staff_wrong_pin: |left| if left == 1 { "PIN 碼錯誤。再錯一次將暫停登入。".into() } else { format!("PIN 碼錯誤。再錯 {left} 次將暫停登入。") },
    #[cfg(feature = "full")]
    staff_locked: |s| if s >= 60 { format!("PIN 碼錯誤次數過多，登入已暫停：請在 {} 分 {} 秒後再試。", s / 60, s % 60) } else { format!("PIN 碼錯誤次數過多，登入已暫停：請在 {s} 秒後再試。") },
    #[cfg(feature = "full")]
    staff_not_set_up: "本店尚未設定員工模式：設定檔（config.json）中沒有員工 PIN 碼，因此無法登入。",
    #[cfg(feature = "full")]
    staff_not_set_up_how: "設定方法：執行「storevoice pin-hash」，輸入 PIN 碼，再把它印出的「staff」項加入 config.json。",
    #[cfg(feature = "full")]
    staff_pin_check_failed: |why| format!("本裝置無法核對 PIN 碼（{why}）。"),
    #[cfg(feature = "full")]
    staff_sign_out: "登出",
    #[cfg(feature = "full")]
    staff_session_note: "您已登入。2 分鐘無操作、裝置回到首頁或點「登出」時，登入即結束。",
    #[cfg(feature = "full")]
    staff_device: "本裝置",
    #[cfg(feature = "full")]
    staff_device_note: "僅儲存在本裝置上。連結自帶的設定（?touchpoint=、?lang=、?mode=）仍優先於這裡；這裡未設定的，使用設定檔的預設值。儲存後應用程式將重新啟動。",
    #[cfg(feature = "full")]
    staff_device_touchpoint: "本裝置的位置",
    #[cfg(feature = "full")]
    staff_device_lang: "預設語言",
    #[cfg(feature = "full")]
    staff_device_mode: "顯示模式",
    #[cfg(feature = "full")]
    staff_device_token: "傳送資料用的裝置權杖",
    #[cfg(feature = "full")]
    staff_device_token_hint: "留空則使用設定檔中的權杖（如有）。",
    #[cfg(feature = "full")]
    staff_from_config: |v| format!("依設定檔（{v}）"),
    #[cfg(feature = "full")]
    staff_mode_standard: "標準",
    #[cfg(feature = "full")]
    staff_device_save: "儲存並重新啟動",
    #[cfg(feature = "full")]
    staff_device_clear: "清除本裝置的設定",
    #[cfg(feature = "full")]
    staff_device_save_failed: "本裝置的儲存空間拒絕了這些設定，未做任何變更。",
    #[cfg(feature = "full")]
    staff_device_unsaved: "本裝置上有一份回答尚未儲存，現在重新啟動會使其遺失，因此未做任何變更。請在「未能寫入儲存、暫存於記憶體」顯示為 0 後再試。",
    #[cfg(feature = "full")]
    staff_device_bad_token: "權杖只能包含可列印的 ASCII 字元，不能有空格。",
    #[cfg(feature = "full")]
    staff_about: "關於",
    #[cfg(feature = "full")]
    staff_version: "應用程式版本",
    #[cfg(feature = "full")]
    staff_store_id: "門市編號",
    #[cfg(feature = "full")]
    staff_survey_version: "問卷版本",
    // --- read aloud (speech) ---
    read_aloud: "朗讀",
    read_aloud_stop: "停止",
    speech_sep: "，",
    speech_scale: |a, b| format!("{a} 到 {b} 分"),
    speech_scale_end: |n, l| format!("{n} 分表示{l}"),
    speech_pair: |a, b| format!("{a}：{b}"),
    #[cfg(feature = "full")]
    staff_speech: "朗讀",
    #[cfg(feature = "full")]
    staff_speech_note: "本裝置上各語言可用的朗讀語音。沒有語音的語言不顯示朗讀按鈕。",
    #[cfg(feature = "full")]
    staff_speech_none: "無語音",
    // --- staff: outbox care ---
    #[cfg(feature = "full")]
    care_last_success: "上次傳送成功",
    #[cfg(feature = "full")]
    care_last_failure: "上次傳送失敗",
    #[cfg(feature = "full")]
    care_none_yet: "本頁面開啟以來沒有",
    #[cfg(feature = "full")]
    care_no_network: "本裝置沒有網路連線。回答已保留，恢復後傳送。",
    #[cfg(feature = "full")]
    care_storage_use: "已用儲存空間",
    #[cfg(feature = "full")]
    care_storage_of: |used, quota| format!("{used}（共 {quota}）"),
    #[cfg(feature = "full")]
    care_send_now: "立即傳送",
    #[cfg(feature = "full")]
    care_send_now_done: "已開始傳送。",
    #[cfg(feature = "full")]
    care_rejected_caption: |n| format!("被接收端拒收（{n} 筆）"),
    #[cfg(feature = "full")]
    care_rejected_help: "接收端認為這些回答無效而拒收。接收端修好後請重新傳送：每筆回答保留原編號，不會被重複儲存。",
    #[cfg(feature = "full")]
    care_rejected_none: "本裝置上沒有被拒收的回答。",
    #[cfg(feature = "full")]
    care_col_when: "拒收時間",
    #[cfg(feature = "full")]
    care_col_kind: "類型",
    #[cfg(feature = "full")]
    care_col_status: "HTTP 狀態碼",
    #[cfg(feature = "full")]
    care_col_reason: "接收端給出的原因",
    #[cfg(feature = "full")]
    care_col_action: "操作",
    #[cfg(feature = "full")]
    care_kind: |k| match k {
        crate::outbox::export::Kind::Survey => "購物評價",
        crate::outbox::export::Kind::Feedback => "意見箱",
        crate::outbox::export::Kind::Other => "其他",
    },
    #[cfg(feature = "full")]
    care_no_reason: "（未提供原因）",
    #[cfg(feature = "full")]
    care_send_again: "重新傳送",
    #[cfg(feature = "full")]
    care_send_again_one: |kind, when| format!("重新傳送：{kind}，拒收於 {when}"),
    #[cfg(feature = "full")]
    care_send_all_again: "全部重新傳送",
    #[cfg(feature = "full")]
    care_requeued: |n| format!("{n} 筆回答已放回待傳送佇列，正在傳送。"),
    #[cfg(feature = "full")]
    care_action_failed: |why| format!("操作未成功：{why}"),
    #[cfg(feature = "full")]
    care_export: "匯出本裝置上的回答",
    #[cfg(feature = "full")]
    care_export_note: "檔案包含仍在本裝置上的全部回答（待傳送和被拒收的）；匯出不會刪除任何內容。只有仍待傳送的回答包含聯絡方式：被拒收的回答在拒收時已刪除聯絡方式（見 contact_note 欄）。",
    #[cfg(feature = "full")]
    care_export_ndjson: "下載 NDJSON",
    #[cfg(feature = "full")]
    care_export_csv: "下載 CSV（Excel）",
    #[cfg(feature = "full")]
    care_exported: |n, file| format!("已將 {n} 筆回答儲存為 {file}。"),
    #[cfg(feature = "full")]
    care_download_failed: "瀏覽器沒有開始下載。",
    // today on this device (staff tally)
    #[cfg(feature = "full")]
    today_title: "本機今日概況",
    #[cfg(feature = "full")]
    today_note: "只記錄本機提交的數量和評分（不含任何文字或聯絡方式），保留 14 天。「已標記」是快得不像真人作答的提交，不計入評分。",
    #[cfg(feature = "full")]
    today_period: "時段",
    #[cfg(feature = "full")]
    today_today: "今天",
    #[cfg(feature = "full")]
    today_yesterday: "昨天",
    #[cfg(feature = "full")]
    today_week: "最近 7 天",
    #[cfg(feature = "full")]
    today_responses: "提交總數",
    #[cfg(feature = "full")]
    today_flagged: "已標記（未計入）",
    #[cfg(feature = "full")]
    today_nothing: "這個時段沒有提交。",
    #[cfg(feature = "full")]
    today_per_hour: "每小時提交數",
    #[cfg(feature = "full")]
    today_hour: "時間",
    #[cfg(feature = "full")]
    today_count: "數量",
    #[cfg(feature = "full")]
    today_share: "佔比",
    #[cfg(feature = "full")]
    today_nps: "淨推薦值（NPS）",
    #[cfg(feature = "full")]
    today_promoters: "推薦者（9–10）",
    #[cfg(feature = "full")]
    today_passives: "被動者（7–8）",
    #[cfg(feature = "full")]
    today_detractors: "貶損者（0–6）",
    #[cfg(feature = "full")]
    today_csat: "滿意度（CSAT）分佈",
    #[cfg(feature = "full")]
    today_rating: "評分",
    #[cfg(feature = "full")]
    today_mean: "平均分",
    #[cfg(feature = "full")]
    today_satisfied: "滿意（4–5）",
    #[cfg(feature = "full")]
    today_csi: "各維度滿意度指數（CSI，0–100）",
    #[cfg(feature = "full")]
    today_dimension: "維度",
    #[cfg(feature = "full")]
    today_index: "指數",
    #[cfg(feature = "full")]
    today_answers: "作答數",
    #[cfg(feature = "full")]
    today_journey: "服務",
    #[cfg(feature = "full")]
    yes: "是",
    #[cfg(feature = "full")]
    no: "否",
    #[cfg(feature = "full")]
    unknown: "未知",
    // inclusion (focus): idle warning, thank-you pause, consent ask, text limit
    idle_title: "還在嗎？",
    idle_body: |n| format!("您的回答將在 {n} 秒後清除。"),
    idle_left: |n| format!("還剩 {n} 秒"),
    idle_more_time: "我需要更多時間",
    ty_pause: "保留此頁面",
    ty_resume: "繼續倒數",
    ty_paused: "已暫停自動返回：您在操作時，此頁面會一直保留。",
    #[cfg(feature = "full")]
    fb_consent_ask_title: "請先勾選同意",
    #[cfg(feature = "full")]
    fb_consent_ask: "勾選下面的同意框後，文字中的電話號碼和電子郵件會移到聯絡方式中。不勾選，它們會留在文字裡。",
    limit_near: |max| format!("快到 {max} 字的上限了"),
    limit_reached: |max| format!("已達到 {max} 字的上限"),
    limit_over: |max| format!("已超過 {max} 字的上限，請刪減"),
    // --- opening hours and QR posters (poster) ---
    hours_closed_title: "現在不在營業時間",
    hours_closed_body: "感謝光臨，歡迎在營業時間再來。",
    hours_today: "今天",
    hours_week: "營業時間",
    hours_closed_day: "休息",
    weekdays: ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"],
    hours_span: |o, c, night| if night { format!("{o}–次日 {c}") } else { format!("{o}–{c}") },
    hours_wayfinding: "您仍然可以查找店內位置：",
    #[cfg(feature = "full")]
    staff_posters: "二維碼海報",
    #[cfg(feature = "full")]
    staff_posters_note: "每個位置、每項服務各一張海報。列印後貼在對應的位置。",
    #[cfg(feature = "full")]
    staff_posters_show: "顯示海報",
    #[cfg(feature = "full")]
    staff_posters_hide: "隱藏海報",
    #[cfg(feature = "full")]
    staff_poster_size: "紙張大小",
    #[cfg(feature = "full")]
    staff_print: "列印",
    #[cfg(feature = "full")]
    staff_print_hint: "每張海報單獨列印一頁，不含應用程式的其他內容。",
    #[cfg(feature = "full")]
    poster_qr_label: |tp, j| format!("二維碼：{tp}的{j}"),
    #[cfg(feature = "full")]
    poster_call: |j| match j {
        crate::config::Journey::Survey => "掃碼評價您的購物體驗",
        crate::config::Journey::Feedback => "掃碼給我們提意見",
        crate::config::Journey::Wayfinding => "掃碼查找店內位置",
    },
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
        P::OutOfRange { min, max } => format!("數值超出範圍（{}–{}）。", decimal(*min), decimal(*max)),
        P::UnsafeLink => "連結必須是相對路徑或 https 位址。".into(),
        P::FieldNotUsed { field, kind } => format!("「{kind}」類型的問題不使用欄位「{field}」。"),
        P::FieldRequired { field, kind } => format!("「{kind}」類型的問題必須有欄位「{field}」。"),
        P::ForwardReference { id } => format!("條件只能引用前面的問題，「{id}」不在本題之前。"),
        P::ImpossibleCondition => "這個條件永遠無法滿足（數值超出量表範圍，或與所引用的問題類型不符）。".into(),
        P::InvalidCondition => "條件必須且只能包含 at_most、at_least、any_of 其中一項。".into(),
        P::FloorChangeWithoutConnector => "這條通道連接了兩個樓層，類型應為樓梯、扶梯、電梯或坡道，而不是 walk。".into(),
        P::LengthNeeded => "跨樓層的通道需要填寫長度 length（公尺）。".into(),
        P::Unreachable { from } => format!("從「{from}」沒有通道可以到達這裡。"),
        P::InvalidToken => "權杖不能為空，也不能包含空格。".into(),
        P::NotBase64 => "不是標準 base64 編碼（需以 = 補齊）。".into(),
        P::ByteLength { min, max } => if min == max { format!("解碼後必須正好是 {min} 位元組。") } else { format!("解碼後必須是 {min} 至 {max} 位元組。") },
        P::InvalidTime => "時間應寫成 24 小時制的 HH:MM，例如 09:00 或 21:30（24:00 只能作為結束時間）。".into(),
        P::InvalidDate => "日期應寫成 YYYY-MM-DD，例如 2026-10-01。".into(),
        P::InvalidUtcOffset => "與 UTC 的時差應寫成 +HH:MM 或 -HH:MM，例如 +08:00。".into(),
        P::EmptySpan => "這個時段的開始和結束時間相同；全天營業請寫 00:00 至 24:00。".into(),
        P::DuplicateDate { date } => format!("日期 {date} 有不止一條例外設定。"),
    }
}

fn launch_warning(w: &W) -> String {
    match w {
        W::UnknownTouchpoint(v) => format!("連結中的位置「{v}」不存在，已使用預設位置。"),
        W::UnknownLanguage(v) => format!("連結中的語言「{v}」不受支援，已使用預設語言。"),
        W::UnknownMode(v) => format!("連結中的顯示模式「{v}」不受支援，已使用預設模式。"),
        W::UnknownJourney(v) => format!("連結中的服務「{v}」不存在。"),
        W::JourneyNotOffered(_) => "此位置不提供連結中的服務。".into(),
        W::SetupTouchpointGone(v) => format!("本裝置設定的位置「{v}」已不在設定檔中，現使用預設位置。"),
    }
}
