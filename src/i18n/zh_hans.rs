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
    lang_name: "简体中文",
    skip_to_content: "跳到主要内容",
    loading: "正在加载…",
    handover_refused_title: "暂时无法打开此页面",
    handover_refused_body: "本设备上有一份回答尚未保存，切换页面会使其丢失。请联系工作人员。",
    handover_offline_body: "此页面需要网络，但目前无法连接。请稍后再试，或联系工作人员。",
    welcome: "欢迎光临",
    choose_journey: "请选择您需要的服务",
    journey_survey: "评价本次购物",
    journey_survey_hint: "不到 1 分钟的小问卷",
    journey_feedback: "意见箱",
    journey_feedback_hint: "投诉、表扬、建议或咨询",
    journey_wayfinding: "找路",
    journey_wayfinding_hint: "门店导览、洗手间、电梯",
    language: "语言",
    large_text: "大字模式",
    back_home: "返回首页",
    staff: "员工入口",
    thank_you_title: "谢谢您！",
    thank_you_body: "您的意见已收到。",
    #[cfg(feature = "full")]
    staff_title: "员工设置",
    touchpoint: "位置：",
    config_error_title: "本设备暂时无法使用",
    config_error_intro: "设置文件 config.json 有以下问题：",
    config_error_staff_hint: "请工作人员修改 config.json 后重新加载页面。顾客请到服务台寻求帮助。",
    config_warning: |w| match w {
        WarningKind::NoStepFreeRoute { from } => format!("从 {} 没有无障碍路线：只能经楼梯或自动扶梯到达。", from.join("、")),
        WarningKind::PublicToken => "config.json 是公开的：任何人都能读到这个令牌，并以这个服务点的名义提交回答。请改为在员工模式（本设备）中为每台设备设置各自的令牌。".to_string(),
    },
    config_ok: "没有发现问题。",
    config_warnings_intro: "值得留意（不是错误）：",
    config_load_failed: |why| format!("无法读取设置文件 config.json（{why}）。"),
    config_timed_out: |secs| format!("设置文件 config.json 在 {secs} 秒内没有送达。"),
    problem,
    launch_warning,
    page_not_found: "找不到这个页面。",
    survey_progress: |n, of| format!("第 {n} 题，共 {of} 题"),
    next: "下一题",
    back: "上一题",
    skip: "跳过",
    submit: "提交",
    submitting: "正在提交…",
    required: "必答",
    optional: "选答",
    csat_words: ["非常不满意", "不满意", "一般", "满意", "非常满意"],
    csi_scale_hint: "1 分表示很差，5 分表示很好",
    other: "其他",
    other_details: "请说明其他原因",
    chars_used: |n, max| format!("已输入 {n} / {max} 字"),
    survey_issue: |issue, missing_rows| match issue {
        SurveyIssue::Required => "这道题必须回答，请选择后再继续。".into(),
        SurveyIssue::RowsMissing(_) => format!("还有 {missing_rows} 项没有打分。"),
        SurveyIssue::OtherEmpty => "您选择了“其他”，请写下具体原因，或取消勾选。".into(),
        SurveyIssue::TooLong { max } => format!("最多 {max} 个字，请删减一些。"),
        SurveyIssue::Invalid => "这个答案无法接受，请重新选择。".into(),
    },
    save_failed: |why| format!("您的回答暂时无法保存到本设备（{why}）。回答已保留在本设备上，系统会自动重试保存；请告诉工作人员。"),
    try_again: "再试一次",
    back_home_in: |s| format!("{s} 秒后自动返回首页"),
    #[cfg(feature = "full")]
    fb_kind_question: "您想告诉我们什么？",
    #[cfg(feature = "full")]
    fb_kind: |k| match k {
        FeedbackKind::Complaint => ("投诉", "哪里做得不好"),
        FeedbackKind::Praise => ("表扬", "谁让您满意"),
        FeedbackKind::Suggestion => ("建议", "我们可以怎样改进"),
        FeedbackKind::Question => ("咨询", "您想了解什么"),
    },
    #[cfg(feature = "full")]
    fb_category_question: "是关于哪方面的？",
    #[cfg(feature = "full")]
    fb_text_label: "请写下具体内容",
    #[cfg(feature = "full")]
    fb_department: "相关部门或柜台",
    #[cfg(feature = "full")]
    fb_staff_member: "相关员工（姓名或工号）",
    #[cfg(feature = "full")]
    fb_visit_date: "到店日期",
    #[cfg(feature = "full")]
    fb_optional: "（选填）",
    #[cfg(feature = "full")]
    fb_consent_heading: "希望我们联系您吗？（选填）",
    #[cfg(feature = "full")]
    fb_name: "称呼",
    #[cfg(feature = "full")]
    fb_phone: "手机号码",
    #[cfg(feature = "full")]
    fb_phone_hint: "中国大陆手机号，或以 + 开头的国际号码",
    #[cfg(feature = "full")]
    fb_email: "电子邮箱",
    #[cfg(feature = "full")]
    fb_channel: "希望的联系方式",
    #[cfg(feature = "full")]
    fb_channel_phone: "电话",
    #[cfg(feature = "full")]
    fb_channel_email: "邮件",
    #[cfg(feature = "full")]
    fb_pii_notice: "您的文字里似乎有电话号码或邮箱。您还没有同意我们保存联系方式：可以把它们移到下方的联系方式中（需要勾选同意），或者从文字中删除。",
    #[cfg(feature = "full")]
    fb_pii_move: "移到联系方式",
    #[cfg(feature = "full")]
    fb_pii_remove: "从文字中删除",
    #[cfg(feature = "full")]
    fb_fix_these: "请先修改以下问题：",
    #[cfg(feature = "full")]
    fb_issue: |i| match i {
        FeedbackIssue::NoKind => "请选择您要投诉、表扬、建议还是咨询。".into(),
        FeedbackIssue::NoCategory => "请选择是关于哪方面的。".into(),
        FeedbackIssue::EmptyText => "请写下具体内容。".into(),
        FeedbackIssue::TooLong(max) => format!("内容最多 {max} 个字，请删减一些。"),
        FeedbackIssue::BadDate => "日期格式应为 年-月-日。".into(),
        FeedbackIssue::BadPhone => "手机号码不正确：请填写 11 位中国大陆手机号，或以 + 开头的国际号码。".into(),
        FeedbackIssue::BadEmail => "电子邮箱格式不正确，例如 name@example.com。".into(),
        FeedbackIssue::NothingToReachBy => "请至少留下手机号码或电子邮箱，或者取消勾选同意。".into(),
        FeedbackIssue::ChannelMissing => "您选择的联系方式还没有填写。".into(),
        FeedbackIssue::NameTooLong => "称呼最多 100 个字。".into(),
    },
    fb_reference: "您的处理编号",
    fb_reference_hint: "如需查询处理进度，请向工作人员出示此编号。",
    fb_qr_label: |r| format!("处理编号 {r} 的二维码，可用手机扫描保存"),
    #[cfg(feature = "full")]
    fb_no_crypto: "本设备无法安全保存联系方式（页面不是通过 https 打开的）。请取消勾选同意后再提交，或到服务台留下联系方式。",
    #[cfg(feature = "full")]
    wf_search: "搜索店铺、商品或设施",
    #[cfg(feature = "full")]
    wf_search_hint: "可输入中文、英文或拼音，例如“洗手间”“toilet”“xsj”",
    #[cfg(feature = "full")]
    wf_shortcuts: "常用设施",
    #[cfg(feature = "full")]
    place_kind: |k| match k {
        PlaceKind::Department => "商品部门",
        PlaceKind::Brand => "品牌",
        PlaceKind::Service => "服务",
        PlaceKind::Toilets => "洗手间",
        PlaceKind::AccessibleToilet => "无障碍洗手间",
        PlaceKind::BabyCare => "母婴室",
        PlaceKind::ServiceDesk => "服务台",
        PlaceKind::Lockers => "存包处",
        PlaceKind::Lift => "电梯",
        PlaceKind::Escalator => "自动扶梯",
        PlaceKind::Stairs => "楼梯",
        PlaceKind::Exit => "出口",
        PlaceKind::Atm => "自动取款机",
        PlaceKind::RestArea => "休息区",
        PlaceKind::Food => "餐饮",
    },
    #[cfg(feature = "full")]
    wf_results: |n| format!("找到 {n} 个地点"),
    #[cfg(feature = "full")]
    wf_no_results: "没有找到，请换个说法，或到服务台咨询。",
    #[cfg(feature = "full")]
    wf_route_to: |p| format!("去 {p} 的路线"),
    #[cfg(feature = "full")]
    wf_step_free: "无障碍路线（不走楼梯和扶梯）",
    #[cfg(feature = "full")]
    wf_you_are_here: "您在这里",
    #[cfg(feature = "full")]
    wf_destination: "目的地",
    #[cfg(feature = "full")]
    wf_directions: "文字路线",
    #[cfg(feature = "full")]
    wf_step: |step, floor, place| match step {
        WayStep::Walk { metres } => format!("步行约 {metres} 米"),
        WayStep::ChangeFloor { by, up, .. } => {
            let how = match by {
                crate::wayfinding::graph::WalkKind::Lift => "乘电梯",
                crate::wayfinding::graph::WalkKind::Escalator => if *up { "乘扶梯上" } else { "乘扶梯下" },
                crate::wayfinding::graph::WalkKind::Stairs => if *up { "走楼梯上" } else { "走楼梯下" },
                _ => "沿坡道",
            };
            format!("{how}到 {floor}")
        }
        WayStep::Arrive { side } => match side {
            crate::wayfinding::directions::Side::Left => format!("{place}在您的左手边"),
            crate::wayfinding::directions::Side::Right => format!("{place}在您的右手边"),
            crate::wayfinding::directions::Side::Ahead => format!("{place}就在前方"),
        },
    },
    #[cfg(feature = "full")]
    wf_no_route: "暂时无法为这个地点规划路线，请到服务台咨询。",
    #[cfg(feature = "full")]
    wf_no_step_free: "这里没有无障碍路线，请到服务台请工作人员协助。",
    #[cfg(feature = "full")]
    wf_new_search: "重新搜索",
    #[cfg(feature = "full")]
    wf_take_along: "用手机扫码，把这条路线带在身边",
    #[cfg(feature = "full")]
    wf_map: |f| format!("{f} 平面图"),
    #[cfg(feature = "full")]
    wf_floors: "楼层",
    #[cfg(feature = "full")]
    staff_config: "设置文件",
    #[cfg(feature = "full")]
    staff_config_fallback: "本设备正在使用上一次可用的设置文件。当前的 config.json 未被采用：",
    #[cfg(feature = "full")]
    staff_outbox: "发送队列",
    #[cfg(feature = "full")]
    staff_pending: "待发送",
    #[cfg(feature = "full")]
    staff_rejected: "被接收端拒收",
    #[cfg(feature = "full")]
    staff_unsaved: "未能写入存储、暂存于内存",
    #[cfg(feature = "full")]
    staff_storage_error: "存储错误",
    #[cfg(feature = "full")]
    staff_persisted: "已获得持久存储",
    #[cfg(feature = "full")]
    staff_sender: "由本页面负责发送",
    #[cfg(feature = "full")]
    staff_last_result: "上次发送结果",
    #[cfg(feature = "full")]
    staff_next_attempt: |s| format!("{s} 秒后重试"),
    #[cfg(feature = "full")]
    staff_send_problem: "发送失败原因",
    #[cfg(feature = "full")]
    staff_failure: |f| match f {
        F::Network => "无法连接到接收端（找不到地址、服务器未运行或连接中断）。回答已保留，恢复后发送。",
        F::Redirect => "接收端地址被重定向到别处（代理或登录页？）。回答已保留，请检查 endpoint.url。",
        F::Unauthorized => "接收端拒绝了本设备的令牌。回答已保留，请检查触点的令牌。",
        F::WrongAddress => "接收端地址不存在（路径错误？）。回答已保留，请检查 endpoint.url。",
        F::Format => "接收端不接受本设备发送的数据格式（HTTP 415）。回答已保留，请检查 endpoint.format 和 endpoint.url。",
        F::RateLimited => "接收端要求设备放慢发送。回答已保留，稍后发送。",
        F::Server => "接收端自身出现问题。回答已保留，稍后发送。",
        F::Refused => "接收端认为部分回答无效而拒收，这些回答保存在“被接收端拒收”中。",
        F::Other => "接收端的回应出乎意料。回答已保留，稍后发送。",
    },
    #[cfg(feature = "full")]
    staff_only_title: "仅限员工",
    #[cfg(feature = "full")]
    staff_only_body: "此页面供门店员工使用。如果您是顾客，请点“返回首页”。",
    #[cfg(feature = "full")]
    staff_pin: "员工 PIN 码",
    #[cfg(feature = "full")]
    staff_sign_in: "登录",
    #[cfg(feature = "full")]
    staff_checking: "正在核对…",
    #[cfg(feature = "full")]
    staff_wrong_pin: |left| if left == 1 { "PIN 码错误。再错一次将暂停登录。".into() } else { format!("PIN 码错误。再错 {left} 次将暂停登录。") },
    #[cfg(feature = "full")]
    staff_locked: |s| if s >= 60 { format!("PIN 码错误次数过多，登录已暂停：请在 {} 分 {} 秒后再试。", s / 60, s % 60) } else { format!("PIN 码错误次数过多，登录已暂停：请在 {s} 秒后再试。") },
    #[cfg(feature = "full")]
    staff_not_set_up: "本店尚未设置员工模式：配置文件（config.json）中没有员工 PIN 码，因此无法登录。",
    #[cfg(feature = "full")]
    staff_not_set_up_how: "设置方法：运行“storevoice pin-hash”，输入 PIN 码，再把它打印出的“staff”项加入 config.json。",
    #[cfg(feature = "full")]
    staff_pin_check_failed: |why| format!("本设备无法核对 PIN 码（{why}）。"),
    #[cfg(feature = "full")]
    staff_sign_out: "退出登录",
    #[cfg(feature = "full")]
    staff_session_note: "您已登录。2 分钟无操作、设备回到首页或点“退出登录”时，登录即结束。",
    #[cfg(feature = "full")]
    staff_device: "本设备",
    #[cfg(feature = "full")]
    staff_device_note: "仅保存在本设备上。链接自带的设置（?touchpoint=、?lang=、?mode=）仍优先于这里；这里未设置的，使用配置文件的默认值。保存后应用将重新启动。",
    #[cfg(feature = "full")]
    staff_device_touchpoint: "本设备的位置",
    #[cfg(feature = "full")]
    staff_device_lang: "默认语言",
    #[cfg(feature = "full")]
    staff_device_mode: "显示模式",
    #[cfg(feature = "full")]
    staff_device_token: "发送数据用的设备令牌",
    #[cfg(feature = "full")]
    staff_device_token_hint: "留空则使用配置文件中的令牌（如有）。",
    #[cfg(feature = "full")]
    staff_from_config: |v| format!("按配置文件（{v}）"),
    #[cfg(feature = "full")]
    staff_mode_standard: "标准",
    #[cfg(feature = "full")]
    staff_device_save: "保存并重新启动",
    #[cfg(feature = "full")]
    staff_device_clear: "清除本设备的设置",
    #[cfg(feature = "full")]
    staff_device_save_failed: "本设备的存储拒绝了这些设置，未做任何更改。",
    #[cfg(feature = "full")]
    staff_device_unsaved: "本设备上有一份回答尚未保存，现在重新启动会使其丢失，因此未做任何更改。请在“未能写入存储、暂存于内存”显示为 0 后再试。",
    #[cfg(feature = "full")]
    staff_device_bad_token: "令牌只能包含可打印的 ASCII 字符，不能有空格。",
    #[cfg(feature = "full")]
    staff_about: "关于",
    #[cfg(feature = "full")]
    staff_version: "应用版本",
    #[cfg(feature = "full")]
    staff_store_id: "门店编号",
    #[cfg(feature = "full")]
    staff_survey_version: "问卷版本",
    // --- read aloud (speech) ---
    read_aloud: "朗读",
    read_aloud_stop: "停止",
    speech_sep: "，",
    speech_scale: |a, b| format!("{a} 到 {b} 分"),
    speech_scale_end: |n, l| format!("{n} 分表示{l}"),
    speech_pair: |a, b| format!("{a}：{b}"),
    #[cfg(feature = "full")]
    staff_speech: "朗读",
    #[cfg(feature = "full")]
    staff_speech_note: "本设备上各语言可用的朗读语音。没有语音的语言不显示朗读按钮。",
    #[cfg(feature = "full")]
    staff_speech_none: "无语音",
    // --- staff: outbox care ---
    #[cfg(feature = "full")]
    care_last_success: "上次发送成功",
    #[cfg(feature = "full")]
    care_last_failure: "上次发送失败",
    #[cfg(feature = "full")]
    care_none_yet: "本页面打开以来没有",
    #[cfg(feature = "full")]
    care_no_network: "本设备没有网络连接。回答已保留，恢复后发送。",
    #[cfg(feature = "full")]
    care_storage_use: "已用存储空间",
    #[cfg(feature = "full")]
    care_storage_of: |used, quota| format!("{used}（共 {quota}）"),
    #[cfg(feature = "full")]
    care_send_now: "立即发送",
    #[cfg(feature = "full")]
    care_send_now_done: "已开始发送。",
    #[cfg(feature = "full")]
    care_rejected_caption: |n| format!("被接收端拒收（{n} 条）"),
    #[cfg(feature = "full")]
    care_rejected_help: "接收端认为这些回答无效而拒收。接收端修好后请重新发送：每条回答保留原编号，不会被重复保存。",
    #[cfg(feature = "full")]
    care_rejected_none: "本设备上没有被拒收的回答。",
    #[cfg(feature = "full")]
    care_col_when: "拒收时间",
    #[cfg(feature = "full")]
    care_col_kind: "类型",
    #[cfg(feature = "full")]
    care_col_status: "HTTP 状态码",
    #[cfg(feature = "full")]
    care_col_reason: "接收端给出的原因",
    #[cfg(feature = "full")]
    care_col_action: "操作",
    #[cfg(feature = "full")]
    care_kind: |k| match k {
        crate::outbox::export::Kind::Survey => "购物评价",
        crate::outbox::export::Kind::Feedback => "意见箱",
        crate::outbox::export::Kind::Other => "其他",
    },
    #[cfg(feature = "full")]
    care_no_reason: "（未给出原因）",
    #[cfg(feature = "full")]
    care_send_again: "重新发送",
    #[cfg(feature = "full")]
    care_send_again_one: |kind, when| format!("重新发送：{kind}，拒收于 {when}"),
    #[cfg(feature = "full")]
    care_send_all_again: "全部重新发送",
    #[cfg(feature = "full")]
    care_requeued: |n| format!("{n} 条回答已放回待发送队列，正在发送。"),
    #[cfg(feature = "full")]
    care_action_failed: |why| format!("操作未成功：{why}"),
    #[cfg(feature = "full")]
    care_export: "导出本设备上的回答",
    #[cfg(feature = "full")]
    care_export_note: "文件包含仍在本设备上的全部回答（待发送和被拒收的）；导出不会删除任何内容。只有仍待发送的回答包含联系方式：被拒收的回答在拒收时已删除联系方式（见 contact_note 列）。",
    #[cfg(feature = "full")]
    care_export_ndjson: "下载 NDJSON",
    #[cfg(feature = "full")]
    care_export_csv: "下载 CSV（Excel）",
    #[cfg(feature = "full")]
    care_exported: |n, file| format!("已将 {n} 条回答保存为 {file}。"),
    #[cfg(feature = "full")]
    care_download_failed: "浏览器没有开始下载。",
    // today on this device (staff tally)
    #[cfg(feature = "full")]
    today_title: "本机今日概况",
    #[cfg(feature = "full")]
    today_note: "只记录本机提交的数量和评分（不含任何文字或联系方式），保留 14 天。“已标记”是快得不像真人作答的提交，不计入评分。",
    #[cfg(feature = "full")]
    today_period: "时段",
    #[cfg(feature = "full")]
    today_today: "今天",
    #[cfg(feature = "full")]
    today_yesterday: "昨天",
    #[cfg(feature = "full")]
    today_week: "最近 7 天",
    #[cfg(feature = "full")]
    today_responses: "提交总数",
    #[cfg(feature = "full")]
    today_flagged: "已标记（未计入）",
    #[cfg(feature = "full")]
    today_nothing: "这个时段没有提交。",
    #[cfg(feature = "full")]
    today_per_hour: "每小时提交数",
    #[cfg(feature = "full")]
    today_hour: "时间",
    #[cfg(feature = "full")]
    today_count: "数量",
    #[cfg(feature = "full")]
    today_share: "占比",
    #[cfg(feature = "full")]
    today_nps: "净推荐值（NPS）",
    #[cfg(feature = "full")]
    today_promoters: "推荐者（9–10）",
    #[cfg(feature = "full")]
    today_passives: "被动者（7–8）",
    #[cfg(feature = "full")]
    today_detractors: "贬损者（0–6）",
    #[cfg(feature = "full")]
    today_csat: "满意度（CSAT）分布",
    #[cfg(feature = "full")]
    today_rating: "评分",
    #[cfg(feature = "full")]
    today_mean: "平均分",
    #[cfg(feature = "full")]
    today_satisfied: "满意（4–5）",
    #[cfg(feature = "full")]
    today_csi: "各维度满意度指数（CSI，0–100）",
    #[cfg(feature = "full")]
    today_dimension: "维度",
    #[cfg(feature = "full")]
    today_index: "指数",
    #[cfg(feature = "full")]
    today_answers: "作答数",
    #[cfg(feature = "full")]
    today_journey: "服务",
    #[cfg(feature = "full")]
    yes: "是",
    #[cfg(feature = "full")]
    no: "否",
    #[cfg(feature = "full")]
    unknown: "未知",
    // inclusion (focus): idle warning, thank-you pause, consent ask, text limit
    idle_title: "还在吗？",
    idle_body: |n| format!("您的回答将在 {n} 秒后清除。"),
    idle_left: |n| format!("还剩 {n} 秒"),
    idle_more_time: "我需要更多时间",
    ty_pause: "保留此页面",
    ty_resume: "继续倒计时",
    ty_paused: "已暂停自动返回：您在操作时，此页面会一直保留。",
    #[cfg(feature = "full")]
    fb_consent_ask_title: "请先勾选同意",
    #[cfg(feature = "full")]
    fb_consent_ask: "勾选下面的同意框后，文字中的电话号码和邮箱会移到联系方式中。不勾选，它们会留在文字里。",
    limit_near: |max| format!("快到 {max} 字的上限了"),
    limit_reached: |max| format!("已达到 {max} 字的上限"),
    limit_over: |max| format!("已超过 {max} 字的上限，请删减"),
    // --- opening hours and QR posters (poster) ---
    hours_closed_title: "现在不在营业时间",
    hours_closed_body: "感谢光临，欢迎在营业时间再来。",
    hours_today: "今天",
    hours_week: "营业时间",
    hours_closed_day: "休息",
    weekdays: ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"],
    hours_span: |o, c, night| if night { format!("{o}–次日 {c}") } else { format!("{o}–{c}") },
    hours_wayfinding: "您仍然可以查找店内位置：",
    #[cfg(feature = "full")]
    staff_posters: "二维码海报",
    #[cfg(feature = "full")]
    staff_posters_note: "每个位置、每项服务各一张海报。打印后贴在对应的位置。",
    #[cfg(feature = "full")]
    staff_posters_show: "显示海报",
    #[cfg(feature = "full")]
    staff_posters_hide: "隐藏海报",
    #[cfg(feature = "full")]
    staff_poster_size: "纸张大小",
    #[cfg(feature = "full")]
    staff_print: "打印",
    #[cfg(feature = "full")]
    staff_print_hint: "每张海报单独打印一页，不含应用的其他内容。",
    #[cfg(feature = "full")]
    poster_qr_label: |tp, j| format!("二维码：{tp}的{j}"),
    #[cfg(feature = "full")]
    poster_call: |j| match j {
        crate::config::Journey::Survey => "扫码评价您的购物体验",
        crate::config::Journey::Feedback => "扫码给我们提意见",
        crate::config::Journey::Wayfinding => "扫码查找店内位置",
    },
};

fn problem(p: &P) -> String {
    match p {
        P::Syntax { line, column } => format!("不是有效的 JSON：第 {line} 行第 {column} 列附近有格式错误。"),
        P::UnknownField { field } => format!("未知字段「{field}」（可能拼写错误）。"),
        P::MissingField { field } => format!("缺少必填字段「{field}」。"),
        P::WrongType { found, expected } => format!("类型不对：这里是 {found}，应为 {expected}。"),
        P::UnknownValue { found, allowed } => format!("不支持的值「{found}」，可选：{}。", allowed.join("、")),
        P::Invalid { detail } => format!("无法读取此值：{detail}"),
        P::UnsupportedVersion { found, supported } => format!("版本 {found} 不受支持，本程序读取版本 {supported}。"),
        P::InsecureEndpoint => "接收地址必须使用 https（仅本机 localhost / 127.0.0.1 可用 http）。".into(),
        P::InvalidUrl => "不是有效的网址（应以 https:// 开头）。".into(),
        P::InvalidColor => "颜色格式应为 #rrggbb，例如 #b3261e。".into(),
        P::InvalidId => "编号只能由小写字母、数字和“-”组成，最长 64 个字符。".into(),
        P::DuplicateId { id } => format!("编号「{id}」重复。"),
        P::UnknownReference { id } => format!("引用了不存在的编号「{id}」。"),
        P::EmptyText => "文字为空：至少填写一种语言。".into(),
        P::EmptyList => "列表不能为空。".into(),
        P::OutOfRange { min, max } => format!("数值超出范围（{}–{}）。", decimal(*min), decimal(*max)),
        P::UnsafeLink => "链接必须是相对路径或 https 地址。".into(),
        P::FieldNotUsed { field, kind } => format!("「{kind}」类型的问题不使用字段「{field}」。"),
        P::FieldRequired { field, kind } => format!("「{kind}」类型的问题必须有字段「{field}」。"),
        P::ForwardReference { id } => format!("条件只能引用前面的问题，「{id}」不在本题之前。"),
        P::ImpossibleCondition => "这个条件永远无法满足（数值超出量表范围，或与所引用的问题类型不符）。".into(),
        P::InvalidCondition => "条件必须且只能包含 at_most、at_least、any_of 其中一项。".into(),
        P::FloorChangeWithoutConnector => "这条通道连接了两个楼层，类型应为楼梯、扶梯、电梯或坡道，而不是 walk。".into(),
        P::LengthNeeded => "跨楼层的通道需要填写长度 length（米）。".into(),
        P::Unreachable { from } => format!("从「{from}」没有通道可以到达这里。"),
        P::InvalidToken => "令牌不能为空，也不能包含空格。".into(),
        P::NotBase64 => "不是标准 base64 编码（需用 = 补齐）。".into(),
        P::ByteLength { min, max } => if min == max { format!("解码后必须正好是 {min} 字节。") } else { format!("解码后必须是 {min} 至 {max} 字节。") },
        P::InvalidTime => "时间应写成 24 小时制的 HH:MM，例如 09:00 或 21:30（24:00 只能作为结束时间）。".into(),
        P::InvalidDate => "日期应写成 YYYY-MM-DD，例如 2026-10-01。".into(),
        P::InvalidUtcOffset => "与 UTC 的时差应写成 +HH:MM 或 -HH:MM，例如 +08:00。".into(),
        P::EmptySpan => "这个时段的开始和结束时间相同；全天营业请写 00:00 至 24:00。".into(),
        P::DuplicateDate { date } => format!("日期 {date} 有不止一条例外设置。"),
    }
}

fn launch_warning(w: &W) -> String {
    match w {
        W::UnknownTouchpoint(v) => format!("链接中的位置「{v}」不存在，已使用默认位置。"),
        W::UnknownLanguage(v) => format!("链接中的语言「{v}」不受支持，已使用默认语言。"),
        W::UnknownMode(v) => format!("链接中的显示模式「{v}」不受支持，已使用默认模式。"),
        W::UnknownJourney(v) => format!("链接中的服务「{v}」不存在。"),
        W::JourneyNotOffered(_) => "此位置不提供链接中的服务。".into(),
        W::SetupTouchpointGone(v) => format!("本设备设置的位置“{v}”已不在配置文件中，现使用默认位置。"),
    }
}
