use super::Strings;
use crate::config::ProblemKind as P;
use crate::launch::LaunchWarning as W;

pub const STRINGS: Strings = Strings {
    lang_name: "简体中文",
    skip_to_content: "跳到主要内容",
    loading: "正在加载…",
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
    not_ready_title: "此功能尚未开放",
    not_ready_body: "这一部分还在建设中，暂时无法使用。请返回首页选择其他服务，或到服务台咨询。",
    thank_you_title: "谢谢您！",
    thank_you_body: "您的意见已收到。",
    staff_title: "员工设置",
    staff_not_ready: "员工设置（PIN 登录、设备状态）尚未开放。",
    touchpoint: "位置：",
    config_error_title: "本设备暂时无法使用",
    config_error_intro: "设置文件 config.json 有以下问题：",
    config_error_staff_hint: "请工作人员修改 config.json 后重新加载页面。顾客请到服务台寻求帮助。",
    config_error_location: "位置",
    config_load_failed: |why| format!("无法读取设置文件 config.json（{why}）。"),
    problem,
    launch_warning,
    page_not_found: "找不到这个页面。",
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
        P::OutOfRange { min, max } => format!("数值超出范围（{min}–{max}）。"),
        P::UnsafeLink => "链接必须是相对路径或 https 地址。".into(),
        P::FieldNotUsed { field, kind } => format!("「{kind}」类型的问题不使用字段「{field}」。"),
        P::FieldRequired { field, kind } => format!("「{kind}」类型的问题必须有字段「{field}」。"),
        P::ForwardReference { id } => format!("条件只能引用前面的问题，「{id}」不在本题之前。"),
        P::ImpossibleCondition => "这个条件永远无法满足（数值超出量表范围，或与所引用的问题类型不符）。".into(),
        P::InvalidCondition => "条件必须且只能包含 at_most、at_least、any_of 其中一项。".into(),
        P::InvalidToken => "令牌不能为空，也不能包含空格。".into(),
    }
}

fn launch_warning(w: &W) -> String {
    match w {
        W::UnknownTouchpoint(v) => format!("链接中的位置「{v}」不存在，已使用默认位置。"),
        W::UnknownLanguage(v) => format!("链接中的语言「{v}」不受支持，已使用默认语言。"),
        W::UnknownMode(v) => format!("链接中的显示模式「{v}」不受支持，已使用默认模式。"),
        W::UnknownJourney(v) => format!("链接中的服务「{v}」不存在。"),
        W::JourneyNotOffered(_) => "此位置不提供链接中的服务。".into(),
    }
}
