"""Every user-facing sentence, one table per language (English and Chinese).

Chinese replies use the ``zh`` column for simplified and mixed input; traditional input gets the
``zh-Hant`` entry where one exists, else the ``zh`` text converted to traditional characters.
Placeholders are ``str.format`` fields; a missing field renders empty instead
of raising, because a message must never be the thing that crashes.
"""

from __future__ import annotations

import string

__all__ = ["MESSAGES", "Translated", "text", "reply_lang"]

_EN = "en"
_ZH = "zh"

MESSAGES: dict[str, dict[str, str]] = {
    # --- foundation ------------------------------------------------------------------------------
    "error.unknown": {
        _EN: "Something went wrong: {detail}",
        _ZH: "出错了：{detail}",
    },
    "error.config": {
        _EN: "Configuration problem: {detail}",
        _ZH: "配置有问题：{detail}",
    },
    "error.manifest": {
        _EN: "SKILL.md problem ({path}): {detail}",
        _ZH: "SKILL.md 有问题（{path}）：{detail}",
    },
    "error.missing_extra": {
        _EN: "This needs the local engine. Install it with: sh scripts/install.sh (in the skill's folder)",
        _ZH: "需要本地引擎。请在技能文件夹中运行：sh scripts/install.sh",
    },
    "error.interrupted": {
        _EN: "Interrupted.",
        _ZH: "已中断。",
    },
    # --- client (issue 6) ----------------------------------------------------------------------
    "client.error.api": {
        _EN: "The service refused the request ({what}). {detail}",
        _ZH: "服务拒绝了请求（{what}）。{detail}",
    },
    "client.error.auth_expired": {
        _EN: "The service did not accept the sign-in token, even after getting a fresh one. Try again in a minute.",
        _ZH: "服务不接受登录令牌，重新获取后仍然失败。请稍后再试。",
    },
    "client.error.auth_user_token": {
        _EN: "The service rejected your NEMO_TOKEN (expired or invalid). Check it, or unset it to use a free anonymous token.",
        _ZH: "服务拒绝了你的 NEMO_TOKEN（已过期或无效）。请检查，或取消设置以使用免费的匿名令牌。",
    },
    "client.error.not_found": {
        _EN: "The service could not find what was asked for (HTTP 404).",
        _ZH: "服务找不到请求的内容（HTTP 404）。",
    },
    "client.error.session_not_found": {
        _EN: 'The project session was not found on the service. Run "music-to-best new" to start a new project.',
        _ZH: '服务上找不到项目会话。请运行 "music-to-best new" 新建项目。',
    },
    "client.error.session_not_found.renewed": {
        _EN: "The project session was not found on the service, even after starting a new one.",
        _ZH: "服务上找不到项目会话，新建会话后仍然如此。",
    },
    "client.error.out_of_credits": {
        _EN: "You're out of credits.",
        _ZH: "你的积分已用完。",
    },
    "client.error.out_of_credits.anon": {
        _EN: "You're out of credits. Register to get more credits (your project is kept): {link}",
        _ZH: "你的积分已用完。注册即可获得更多积分（项目会保留）：{link}",
    },
    "client.error.out_of_credits.registered": {
        _EN: "You're out of credits. Top up your account at {link} to continue.",
        _ZH: "你的积分已用完。请到 {link} 充值后继续。",
    },
    "client.error.export_blocked": {
        _EN: "Export is not available on the free plan. This is about the plan tier, not your credits: register or upgrade at {link} to unlock export.",
        _ZH: "免费套餐无法导出。这与积分无关，而是套餐等级的限制：请在 {link} 注册或升级以解锁导出。",
    },
    "client.error.rate_limited": {
        _EN: "The service is limiting requests right now and still refused after waiting. Try again in a few minutes.",
        _ZH: "服务当前限制了请求频率，等待后仍被拒绝。请几分钟后再试。",
    },
    "client.error.rate_limited_long": {
        _EN: "The service is limiting requests right now and asks to wait about {minutes} min. Try again then.",
        _ZH: "服务当前限制了请求频率，要求等待约 {minutes} 分钟。请到时再试。",
    },
    "client.error.missing_client_id": {
        _EN: "The service asked for a client id and refused the request again after one was sent.",
        _ZH: "服务要求提供客户端 ID，发送后仍然拒绝了请求。",
    },
    "client.error.unsupported_file": {
        _EN: "{name}{sep}This file type is not supported. Accepted formats: {formats}.",
        _ZH: "{name}{sep}不支持这种文件类型。支持的格式：{formats}。",
    },
    "client.error.file_too_large": {
        _EN: "{name}{sep}The file is too large{size}; the limit is {limit}. Compress or trim it and try again.",
        _ZH: "{name}{sep}文件太大{size}，上限是 {limit}。请压缩或剪短后再试。",
    },
    "client.error.empty_file": {
        _EN: "{name} is empty (0 bytes), so there is nothing to use. Check the file and send it again.",
        _ZH: "{name} 是空文件（0 字节），没有可用的内容。请检查文件后重新发送。",
    },
    "client.error.not_media_file": {
        _EN: "{name} is not {kind}: it contains text. Check that you picked the right file.",
        _ZH: "{name} 不是{kind}：里面是文本。请确认选对了文件。",
    },
    "client.error.unreadable_file": {
        _EN: "{name} could not be read as {kind}: it is damaged, or another kind of file renamed. "
        "Export it again from the app that made it and send it again.",
        _ZH: "无法把 {name} 读取为{kind}：文件已损坏，或是改了扩展名的其他文件。请从原软件重新导出后再发送。",
    },
    "media.kind.audio": {_EN: "audio", _ZH: "音频"},
    "media.kind.video": {_EN: "a video", _ZH: "视频"},
    "media.kind.image": {_EN: "an image", _ZH: "图片"},
    "client.error.file_missing": {
        _EN: "{name}: no such file.",
        _ZH: "{name}：文件不存在。",
    },
    "client.error.write_failed": {
        _EN: "Can't write the video to {path} ({reason}). Choose another place with -o.",
        _ZH: "无法把视频写入 {path}（{reason}）。请用 -o 换一个位置。",
    },
    "client.error.server": {
        _EN: "The service had an internal error (HTTP {status}). Try again in a moment.",
        _ZH: "服务内部出错（HTTP {status}）。请稍后再试。",
    },
    "client.error.stream": {
        _EN: "The service reported an error during the reply. {detail}",
        _ZH: "服务在回复过程中报告了错误。{detail}",
    },
    "client.error.bad_response": {
        _EN: "The service at {host} sent an answer this skill cannot read ({what}). Check NEMO_API_URL.",
        _ZH: "{host} 的服务返回了无法识别的内容（{what}）。请检查 NEMO_API_URL。",
    },
    "client.error.redirect": {
        _EN: "The service at {host} answered with a redirect to {target} (HTTP {status}) instead of an answer. Check NEMO_API_URL.",
        _ZH: "{host} 的服务没有返回结果，而是重定向到 {target}（HTTP {status}）。请检查 NEMO_API_URL。",
    },
    "client.error.download_missing": {
        _EN: "The render finished, but its video could not be downloaded (HTTP {status}). Run export again in a moment.",
        _ZH: "渲染已完成，但无法下载视频（HTTP {status}）。请稍后重新导出。",
    },
    "client.error.render_missing": {
        _EN: "The service no longer knows this render job (HTTP {status}). Run export again.",
        _ZH: "服务上已找不到这个渲染任务（HTTP {status}）。请重新导出。",
    },
    "client.error.render_failed": {
        _EN: "The render failed twice{reason}. Try again later, or change the edit first.",
        _ZH: "渲染失败了两次{reason}。请稍后再试，或先修改编辑内容。",
    },
    "client.error.transport": {
        _EN: "The connection to the service at {host} failed.",
        _ZH: "与 {host} 的服务连接失败。",
    },
    "client.error.connect_failed": {
        _EN: "Can't reach the service at {host}. Check your network connection or NEMO_API_URL, then try again.",
        _ZH: "无法连接到 {host} 的服务。请检查网络连接或 NEMO_API_URL 后重试。",
    },
    "client.error.timeout": {
        _EN: "The service at {host} did not answer in time ({what}). Try again in a moment.",
        _ZH: "{host} 的服务没有及时响应（{what}）。请稍后再试。",
    },
    "client.error.stream_cut": {
        _EN: "The connection to {host} dropped before a complete answer arrived. Try again in a moment.",
        _ZH: "与 {host} 的连接在收到完整回复前断开了。请稍后再试。",
    },
    "client.error.empty_draft": {
        _EN: "There is nothing to export yet: the timeline has no clips. Upload a track and ask for an edit first.",
        _ZH: "还没有可导出的内容：时间线上没有片段。请先上传音乐并进行编辑。",
    },
    "client.what.timeout_chat": {
        _EN: "no reply for {seconds} s",
        _ZH: "{seconds} 秒内没有回复",
    },
    "client.what.timeout_heartbeats": {
        _EN: 'only "still working" signals for {seconds} s',
        _ZH: "{seconds} 秒内只有“处理中”信号",
    },
    "client.what.timeout_render": {
        _EN: "the render did not finish within {seconds} s",
        _ZH: "渲染在 {seconds} 秒内没有完成",
    },
    "client.what.timeout_request": {
        _EN: "waited {seconds} s",
        _ZH: "已等待 {seconds} 秒",
    },
    "client.notice.setting_up": {
        _EN: "Setting things up...",
        _ZH: "正在准备...",
    },
    "client.notice.connected": {
        _EN: "Connected and ready.",
        _ZH: "已连接，可以开始了。",
    },
    "client.notice.session_renewed": {
        _EN: "The previous project session was gone, so I started a new one.",
        _ZH: "之前的项目会话已失效，已为你新建一个。",
    },
    "client.notice.rate_wait": {
        _EN: "The service is busy; waiting {seconds} s, then trying once more.",
        _ZH: "服务繁忙，等待 {seconds} 秒后再试一次。",
    },
    "client.notice.still_working": {
        _EN: "⏳ Still working...",
        _ZH: "⏳ 仍在处理中...",
    },
    "chat.silent_done": {
        _EN: "Done: {changes}.",
        _ZH: "完成：{changes}。",
    },
    "chat.silent_unchecked": {
        _EN: 'The reply ended without any text, and the project could not be checked for changes. Say "status" to see it.',
        _ZH: "回复结束了但没有任何文字，也无法检查项目是否有变化。可以说“状态”查看。",
    },
    "chat.silent_nothing": {
        _EN: "The reply ended without any text, and the project did not change.",
        _ZH: "回复结束了但没有任何文字，项目也没有变化。",
    },
    "chat.cut": {
        _EN: "The connection dropped mid-reply. I won't send your message again (that could charge twice); checking the project instead...",
        _ZH: "回复中途连接断开了。我不会重发你的消息（那样可能重复扣费），先检查一下项目状态...",
    },
    "chat.timeout": {
        _EN: "The reply timed out ({what}). I won't send your message again; checking the project instead...",
        _ZH: "回复超时（{what}）。我不会重发你的消息，先检查一下项目状态...",
    },
    "chat.recovery_wait": {
        _EN: "Checking the project in {seconds} s ({check}/{checks})...",
        _ZH: "{seconds} 秒后检查项目（{check}/{checks}）...",
    },
    "chat.recovered": {
        _EN: "Your request went through: {changes}.",
        _ZH: "你的请求已完成：{changes}。",
    },
    "chat.recovery_failed": {
        _EN: "I couldn't confirm the change after {checks} checks. Say it again if you want me to retry (it may use credits again).",
        _ZH: "检查了 {checks} 次仍无法确认修改。如需重试请再说一次（可能会再次消耗积分）。",
    },
    "credits.balance": {
        _EN: "Credits: {available} available, {frozen} frozen, {total} total.",
        _ZH: "积分：可用 {available}，冻结 {frozen}，总计 {total}。",
    },
    "state.empty": {
        _EN: "The timeline is empty.",
        _ZH: "时间线是空的。",
    },
    "upload.progress": {
        _EN: "Uploading {name}",
        _ZH: "正在上传 {name}",
    },
    "upload.done": {
        _EN: "Uploaded {name} ({details}).",
        _ZH: "已上传 {name}（{details}）。",
    },
    "upload.done_plain": {
        _EN: "Uploaded {name}.",
        _ZH: "已上传 {name}。",
    },
    "upload.none": {
        _EN: "The service accepted the upload but reported no files.",
        _ZH: "服务接受了上传，但没有返回任何文件。",
    },
    "export.rendering": {
        _EN: "Rendering",
        _ZH: "正在渲染",
    },
    "export.queued": {
        _EN: "Waiting in the render queue (number {position})",
        _ZH: "正在渲染队列中等待（第 {position} 位）",
    },
    "export.retry": {
        _EN: "The render failed{reason}; trying once more with a new job...",
        _ZH: "渲染失败{reason}，正在用新任务重试一次...",
    },
    "export.downloading": {
        _EN: "Downloading",
        _ZH: "正在下载",
    },
    "export.done": {
        _EN: "Your video is ready: {path}",
        _ZH: "视频已完成：{path}",
    },
    "export.url": {
        _EN: "Download URL: {url}",
        _ZH: "下载链接：{url}",
    },
    "export.link": {
        _EN: "Open the project in your browser: {link}",
        _ZH: "在浏览器中打开项目：{link}",
    },
    "page.link": {
        _EN: "Your project page: {link}",
        _ZH: "项目页面：{link}",
    },
    "page.opened": {
        _EN: "Opened it in your browser.",
        _ZH: "已在浏览器中打开。",
    },
    "page.background": {
        _EN: "The page server keeps running in the background and stops after {minutes} minutes without a visitor (music-to-best open --stop stops it now).",
        _ZH: "页面服务器会在后台继续运行，{minutes} 分钟无人访问后自动停止（music-to-best open --stop 可立即停止）。",
    },
    "page.stopped": {
        _EN: "Stopped the project page server.",
        _ZH: "已停止项目页面服务器。",
    },
    "page.not_running": {
        _EN: "No project page server was running.",
        _ZH: "没有正在运行的项目页面服务器。",
    },
    "page.unavailable": {
        _EN: "The project page server could not start; run with SKILL_LOG=debug to see why.",
        _ZH: "项目页面服务器无法启动；用 SKILL_LOG=debug 运行可查看原因。",
    },
    # --- NLE export (issue 18) -------------------------------------------------------------------
    "nle.done": {
        _EN: "Exported the edit for {editors} ({format}): {path} ({shots} shots, {markers} beat and section markers). Its media are in {media}; relink from that folder if the editor asks.",
        _ZH: "已导出剪辑工程（{format}，适用于 {editors}）：{path}（{shots} 个镜头，{markers} 个节拍和段落标记）。素材在 {media}，剪辑软件提示素材离线时从这个文件夹重新链接即可。",
        "zh-Hant": "已匯出剪輯專案（{format}，適用於 {editors}）：{path}（{shots} 個鏡頭，{markers} 個節拍和段落標記）。素材在 {media}，剪輯軟體提示素材離線時從這個資料夾重新連結即可。",
    },
    "nle.collecting": {
        _EN: "Collecting media",
        _ZH: "正在收集素材",
        "zh-Hant": "正在收集素材",
    },
    "nle.rendering_visuals": {
        _EN: "Rendering the generated visuals",
        _ZH: "正在渲染生成的画面",
        "zh-Hant": "正在算圖生成的畫面",
    },
    "nle.error.media_missing": {
        _EN: "The project does not say where the file of {name} is, so it cannot be handed to an editor. Upload it again and retry.",
        _ZH: "项目里找不到 {name} 的文件位置，无法导出到剪辑软件。请重新上传后再试。",
        "zh-Hant": "專案裡找不到 {name} 的檔案位置，無法匯出到剪輯軟體。請重新上傳後再試。",
    },
    "nle.error.missing_extra": {
        _EN: "Exporting for video editors needs OpenTimelineIO. Install it with: pip install 'music-to-best[nle]'",
        _ZH: "导出到剪辑软件需要 OpenTimelineIO。请安装：pip install 'music-to-best[nle]'",
        "zh-Hant": "匯出到剪輯軟體需要 OpenTimelineIO。請安裝：pip install 'music-to-best[nle]'",
    },
    "new.done": {
        _EN: "Started a new project.",
        _ZH: "已新建项目。",
    },
    "new.done_named": {
        _EN: "Started a new project “{name}”. Commands run here continue it; others stay as they were.",
        _ZH: "已新建项目“{name}”。在这里运行的命令会继续这个项目，其他项目保持不变。",
    },
    "project.bad_name": {
        _EN: "“{name}” can't be a project name: use letters, digits, '.', '-' or '_' (up to 64).",
        _ZH: "“{name}”不能作为项目名：请用字母、数字、“.”、“-”或“_”（最多 64 个）。",
    },
    "project.exists": {
        _EN: "A project named “{name}” already exists. Continue it with --project {name}, or pick another name.",
        _ZH: "已经有名为“{name}”的项目。可以用 --project {name} 继续它，或换一个名字。",
    },
    "project.song_exists": {
        _EN: "This project already uses the song “{song}”. Replace it with “{new}” in this project (keeping "
        "its clips, frame and title), or start a new project for it? Say again with --replace or --new.",
        _ZH: "这个项目已经在用歌曲《{song}》。要在本项目里换成《{new}》（保留素材、画面比例和标题），还是为它新建一个项目？"
        "请加上 --replace 或 --new 再说一次。",
    },
    "project.replaced": {
        _EN: "Replaced the song “{song}” with “{new}”. Ask for the highlight again to cut it on the new song.",
        _ZH: "已把歌曲《{song}》换成《{new}》。再说一次要做精彩片段，就会按新歌重新剪。",
    },
    "project.moved": {
        _EN: "Started a new project “{name}” for “{new}”; “{old}” keeps the earlier song and edits.",
        _ZH: "已为《{new}》新建项目“{name}”；“{old}”保留之前的歌曲和编辑。",
    },
    "projects.none": {
        _EN: "No projects yet. Send a song (say ... --file SONG) to start one.",
        _ZH: "还没有项目。发送一首歌（say ... --file 歌曲）就会开始一个。",
    },
    "projects.line": {
        _EN: "{mark} {name}: {song}",
        _ZH: "{mark} {name}：{song}",
    },
    "projects.no_song": {_EN: "no song yet", _ZH: "还没有歌曲"},
    "projects.current": {
        _EN: "(* is the project commands in this folder use)",
        _ZH: "（* 是本文件夹中命令使用的项目）",
    },
    # --- runtime (issue 9) ---------------------------------------------------------------------
    "runtime.say_something": {
        _EN: 'Say something: for example "sync visuals to the beat and make the best 30 second highlight".',
        _ZH: "请说点什么，比如“把画面卡在节拍上，做一个最精彩的 30 秒视频”。",
    },
    "runtime.attach_files": {
        _EN: "Send me a song or clips: attach them (--file PATH) or give me a link.",
        _ZH: "请发给我歌曲或素材：附上文件（--file 路径）或给我一个链接。",
    },
    "runtime.cancelled": {_EN: "Cancelled.", _ZH: "已取消。"},
    # --- typed edits (music-to-best edit) ------------------------------------------------------
    "edit.bad_op": {
        _EN: "That edit is not valid: {detail}. See `music-to-best edit --schema`.",
        _ZH: "这个编辑操作无效：{detail}。请查看 `music-to-best edit --schema`。",
    },
    "edit.needs_local": {
        _EN: "Typed edits need the local backend (this project is on the cloud service). Say it in words "
        'instead: music-to-best say "make it 9:16".',
        _ZH: '结构化编辑需要本地后端（当前项目在云端服务上）。请改用自然语言：music-to-best say "改成竖屏"。',
    },
    "edit.need_song": {
        _EN: "Edit {index} needs a song: upload one first (music-to-best upload SONG).",
        _ZH: "第 {index} 个编辑需要一首歌：请先上传（music-to-best upload 歌曲文件）。",
    },
    "edit.need_highlight": {
        _EN: 'Edit {index} needs a highlight: apply {{"op": "highlight"}} first.',
        _ZH: '第 {index} 个编辑需要先做出高光视频：请先执行 {{"op": "highlight"}}。',
    },
    "edit.no_title": {
        _EN: "Edit {index}: there is no title to remove.",
        _ZH: "第 {index} 个编辑：目前没有标题可以删除。",
    },
    "edit.length_limit": {
        _EN: "Edit {index}: the highlight cannot get any longer or shorter that way.",
        _ZH: "第 {index} 个编辑：视频时长不能再往这个方向调整了。",
    },
    "edit.analysis_failed": {
        _EN: "Edit {index}: the song could not be analysed ({detail}).",
        _ZH: "第 {index} 个编辑：无法分析这首歌（{detail}）。",
    },
    "edit.nothing_to_undo": {
        _EN: "Edit {index}: there is nothing to undo.",
        _ZH: "第 {index} 个编辑：没有可以撤销的操作。",
    },
    "edit.unchanged": {
        _EN: "Nothing changed: the timeline already is what you asked for.",
        _ZH: "没有任何变化：时间线本来就是你要的样子。",
    },
    "edit.refused": {
        _EN: "Edit {index} was refused: {detail}",
        _ZH: "第 {index} 个编辑被拒绝：{detail}",
    },
    "runtime.repl_help": {
        _EN: "Type what you want in your own words. Commands: /new /state /credits /export /help /quit",
        _ZH: "用你自己的话说出想要的效果。命令：/new /state /credits /export /help /quit",
    },
}


class Translated:
    """A message field that is itself a message (a kind of file, "audio"/"音频"), rendered in the
    language of the message it fills, so an error built before the language is known still reads whole."""

    __slots__ = ("key",)

    def __init__(self, key: str) -> None:
        self.key = key

    def __str__(self) -> str:
        return text(self.key, _EN)


class _Lenient(dict):  # type: ignore[type-arg]
    """A format mapping that renders unknown fields as empty text."""

    def __missing__(self, key: str) -> str:
        return ""


def reply_lang(lang: str | None) -> str:
    """Map a detected language (``en``, ``zh-Hans``, ``zh-Hant``, ``mixed``...) to a table column."""
    if not lang:
        return _EN
    if lang == "zh-Hant":
        return "zh-Hant"
    return _ZH if lang.startswith("zh") or lang == "mixed" else _EN


# Traditional script for the simplified column, when a message has no zh-Hant entry of its own: a few
# words that Taiwan and Hong Kong say differently, then the characters of the table that differ. Only the
# template is converted, before the user's own words (names, titles, paths) are filled in.
_HANT_WORDS = (("视频", "影片"), ("文件", "檔案"), ("网络", "網路"), ("信息", "訊息"), ("渲染", "算圖"))
_TO_HANT = str.maketrans(
    "与两个为么乐传会关内册写冻准几别务压发变号后响处备复导应开录径态总户报换检样没浏点状画确种积类级线"
    "结给络绝继续编缩网获装视览计认设识试话误说请败费载辑过还这进连钟链锁错问间频题项时无断并当节长选页",
    "與兩個為麼樂傳會關內冊寫凍準幾別務壓發變號後響處備復導應開錄徑態總戶報換檢樣沒瀏點狀畫確種積類級線"
    "結給絡絕繼續編縮網獲裝視覽計認設識試話誤說請敗費載輯過還這進連鐘鏈鎖錯問間頻題項時無斷並當節長選頁",
)


def _to_hant(template: str) -> str:
    for simplified, traditional in _HANT_WORDS:
        template = template.replace(simplified, traditional)
    return template.translate(_TO_HANT)


def text(key: str, lang: str | None = _EN, /, **fields: object) -> str:
    """Return the message ``key`` in ``lang`` with ``fields`` filled in.

    Unknown keys fall back to ``error.unknown`` so that a typo shows a sentence, not a KeyError.
    """
    column = reply_lang(lang)
    row = MESSAGES.get(key) or MESSAGES["error.unknown"]
    template = row.get(column)
    if template is None and column == "zh-Hant" and row.get(_ZH):
        template = _to_hant(row[_ZH])
    template = template or row.get(_ZH if column == "zh-Hant" else _EN) or row[_EN]
    filled = {k: text(v.key, lang) if isinstance(v, Translated) else v for k, v in fields.items()}
    formatter = string.Formatter()
    return formatter.vformat(template, (), _Lenient(filled)).strip()
