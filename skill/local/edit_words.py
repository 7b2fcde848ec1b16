"""The word lists behind :mod:`skill.local.edit_cues` (English, simplified and traditional Chinese).

Lower-case, NFKC; a word matches anywhere in the message, so longer phrases come before the shorter
ones they contain where the order matters (the first list that matches wins).
"""

from __future__ import annotations

from skill.timeline.vocab import Effect, Pace, SectionLabel, TextSize, TitlePosition, Transition

# fmt: off
NEGATION = ("no", "not", "don't", "dont", "do not", "without", "remove", "remove the", "drop the", "get rid of",
            "turn off", "stop", "never", "no more", "不要", "别", "別", "不用", "去掉", "去除", "取消", "关掉",
            "關掉", "拿掉", "没有", "沒有", "無", "无")

START_CUES = ("start", "begin", "from", "skip to", "jump to", "open with", "kick off", "starting",
              "从", "從", "开始", "開始", "起", "跳到", "开头用", "開頭用")
WHOLE_SONG = ("whole song", "whole track", "entire song", "entire track", "full song", "full track",
              "all of the song", "整首", "全曲", "整首歌", "完整的歌", "整支歌", "全首")
# (label, words): "drop" before "chorus" so "the drop" is not read as a chorus
SECTIONS: tuple[tuple[SectionLabel, tuple[str, ...]], ...] = (
    ("drop", ("the drop", "drop", "掉落", "高能", "炸点", "炸點")),
    ("chorus", ("chorus", "hook", "refrain", "副歌", "高潮", "副歌部分", "合唱")),
    ("intro", ("intro", "beginning of the song", "前奏", "开场", "開場", "引子")),
    ("outro", ("outro", "ending of the song", "尾奏", "结尾部分", "結尾部分", "尾声", "尾聲")),
    ("bridge", ("bridge", "桥段", "橋段", "过渡段", "過渡段")),
    ("verse", ("verse", "主歌")),
)
ORDINALS: tuple[tuple[str, int], ...] = (
    ("first", 1), ("1st", 1), ("second", 2), ("2nd", 2), ("third", 3), ("3rd", 3), ("last", -1),
    ("final", -1), ("第一", 1), ("第二", 2), ("第三", 3), ("最后", -1), ("最後", -1), ("第1", 1), ("第2", 2),
    ("第3", 3),
)

# pace words inside a clause naming a section ("every beat in the chorus", "副歌每拍切")
PACE_WORDS: tuple[tuple[Pace, tuple[str, ...]], ...] = (
    ("half", ("every other beat", "every second beat", "every 2 beats", "every two beats", "alternate beats",
              "隔拍", "每隔一拍", "隔一拍", "每两拍", "每兩拍", "每2拍")),
    ("2bar", ("every two bars", "every 2 bars", "every other bar", "每两小节", "每兩小節", "每2小节", "每2小節", "两小节切", "兩小節切")),
    ("bar", ("every bar", "each bar", "once a bar", "per bar", "downbeats only", "slower", "less often", "fewer cuts",
             "每小节", "每小節", "每个小节", "每個小節", "慢一点", "慢一點", "慢点", "慢點", "少切")),
    ("beat", ("every beat", "each beat", "on the beat", "faster", "more cuts", "denser", "more often", "quicker",
              "每拍", "每一拍", "快一点", "快一點", "快点", "快點", "密一点", "密一點", "多切", "更密")),
)
ELSEWHERE = ("elsewhere", "everywhere else", "the rest", "other parts", "otherwise", "其他", "其它", "其余",
             "其餘", "别的地方", "別的地方", "剩下")
EVERY_OTHER_BEAT = PACE_WORDS[0][1]
DOWNBEATS_ONLY = ("downbeats only", "only on the downbeats", "cut on the downbeats", "cut on downbeats",
                  "cuts on the downbeats", "cut on every downbeat", "switch on the downbeats", "only the downbeats", "only downbeats",
                  "just the downbeats", "on the one only", "只切重拍", "只在重拍", "只在强拍", "只在強拍", "只切强拍",
                  "只切強拍", "重拍才切", "重拍切", "强拍切", "強拍切")

LATE = ("a bit late", "too late", "are late", "is late", "feel late", "feels late", "lagging", "behind the beat",
        "after the beat", "慢了", "晚了", "有点晚", "有點晚", "拖拍", "慢半拍", "落后", "落後")
EARLY = ("a bit early", "too early", "are early", "is early", "feel early", "feels early", "ahead of the beat",
         "before the beat", "rushing", "早了", "太早", "有点早", "有點早", "抢拍", "搶拍", "快了")

FADE_WORD = ("fade", "淡入", "淡出", "淡化", "渐隐", "漸隱", "渐显", "漸顯", "渐入", "漸入", "渐出", "漸出")
FADE_IN = ("fade in", "fade-in", "fades in", "fade it in", "fade from black", "from black", "淡入", "渐显", "漸顯", "渐入", "漸入")
FADE_OUT = ("fade out", "fade-out", "in and out", "in & out", "fades out", "fade to black", "fade at the end", "fade the ending",
            "淡出", "渐隐", "漸隱", "渐出", "漸出")

# (kind, words): "cut" (hard cuts, no transition) last
TRANSITIONS: tuple[tuple[Transition, tuple[str, ...]], ...] = (
    ("dip_black", ("dip to black", "fade through black", "through black", "black between", "black transition",
                   "黑场", "黑場", "闪黑", "閃黑", "黑色过渡", "黑色過渡")),
    ("dip_white", ("dip to white", "fade through white", "through white", "white between", "white transition",
                   "白场", "白場", "白色过渡", "白色過渡")),
    ("crossfade", ("crossfade", "cross fade", "cross-fade", "dissolve", "blend between", "fade between",
                   "smooth transition", "叠化", "疊化", "溶解", "交叉淡化", "淡入淡出转场", "淡入淡出轉場", "柔和转场",
                   "柔和轉場")),
    ("cut", ("hard cut", "no transition", "no transitions", "just cuts", "straight cuts", "plain cuts",
             "硬切", "直接切", "不要转场", "不要轉場", "去掉转场", "去掉轉場", "取消转场", "取消轉場", "没有转场",
             "沒有轉場")),
)
CHORUS_ONLY = ("in the chorus", "during the chorus", "on the chorus", "chorus only", "only the chorus",
               "only in the chorus", "in the drop", "副歌", "高潮")

# (kind, words): "none" first ("no effects"); then each effect
EFFECTS: tuple[tuple[Effect, tuple[str, ...]], ...] = (
    ("none", ("no effects", "no effect", "remove the effects", "remove effects", "without effects",
              "不要特效", "去掉特效", "取消特效", "关掉特效", "關掉特效", "不要效果", "去掉效果")),
    ("flash", ("flash", "strobe", "闪光", "閃光", "闪白", "閃白", "闪一下", "閃一下", "白闪", "白閃")),
    ("zoom", ("zoom punch", "punch zoom", "punch in", "crash zoom", "zoom", "缩放", "縮放", "推镜", "推鏡",
              "放大一下", "冲击", "衝擊")),
    ("shake", ("shake", "wobble", "jolt", "震动", "震動", "抖动", "抖動", "晃动", "晃動", "震屏")),
)
ON_DOWNBEATS = ("downbeat", "on the one", "every bar", "each bar", "重拍", "强拍", "強拍", "每小节", "每小節")

TITLE_WORDS = ("title", "heading", "标题", "標題", "片名")
# the title's time changed by a step when no number is said ("keep the title on screen longer")
TITLE_LONGER = ("longer", "久一点", "久一點", "久点", "久點", "长一点", "長一點", "多一会", "多一會", "多停留")
TITLE_SHORTER = ("shorter", "短一点", "短一點", "少一会", "少一會", "早点消失", "早點消失")
POSITIONS: tuple[tuple[TitlePosition, tuple[str, ...]], ...] = (
    ("bottom", ("bottom", "lower third", "down low", "below", "底部", "下面", "下方", "底下", "最下")),
    ("top", ("top", "up top", "above", "顶部", "頂部", "上面", "上方", "最上")),
    ("center", ("center", "centre", "middle", "中间", "中間", "正中", "居中", "中央")),
)
SIZES: tuple[tuple[TextSize, tuple[str, ...]], ...] = (
    ("large", ("bigger", "larger", "big", "large", "huge", "大一点", "大一點", "大一些", "放大", "大点", "大點", "大字", "加大")),
    ("small", ("smaller", "small", "tiny", "little", "小一点", "小一點", "小一些", "缩小", "縮小", "小点", "小點", "小字")),
    ("medium", ("medium", "normal size", "regular size", "中等", "适中", "適中")),
)
COLOURS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("#ff3b30", ("red", "红色", "紅色", "红", "紅")),
    ("#ffd60a", ("yellow", "黄色", "黃色", "黄", "黃")),
    ("#ffffff", ("white", "白色")),
    ("#000000", ("black", "黑色")),
    ("#0a84ff", ("blue", "蓝色", "藍色")),
    ("#30d158", ("green", "绿色", "綠色")),
    ("#ff9f0a", ("orange", "橙色")),
    ("#ff6fae", ("pink", "粉色", "粉红", "粉紅")),
    ("#bf5af2", ("purple", "紫色")),
    ("#d4af37", ("gold", "金色")),
)
TITLE_WHOLE = ("whole video", "whole time", "entire video", "all the way through", "the whole way",
               "throughout", "the whole thing", "全程", "一直显示", "一直顯示", "整个视频", "整個影片", "整支影片",
               "从头到尾", "從頭到尾")
# with a quote and a place in time ('add "thanks" at the end'), these add a caption too
TEXT_ADD_PLACED = ("add", "put", "加上", "加", "写", "寫", "放上")
TEXT_ADD = ("caption", "subtitle", "add text", "add a text", "add the text", "text saying", "put the words",
            "add the words", "字幕", "文字", "加一句", "加一行", "写上", "寫上", "打上")

# a video asked for with these is vertical unless a ratio is named (the platforms' and 卡点 videos' shape)
VERTICAL_HINTS = ("tiktok", "tik tok", "reels", "shorts", "抖音", "快手", "卡点", "卡點", "douyin", "kuaishou", "小红书", "小紅書")
CAPTION_WORDS = ("caption", "subtitle", "字幕")
CLIP_NOUN = ("photo", "picture", "image", "pic", "clip", "video", "shot", "footage")
SHUFFLE = ("shuffle", "random order", "randomize", "randomise", "mix up the clips", "mix the clips up",
           "打乱", "打亂", "随机", "隨機", "乱序", "亂序")
UPLOAD_ORDER = ("upload order", "order i uploaded", "original order", "the order i added", "as uploaded",
                "上传顺序", "上傳順序", "原来的顺序", "原來的順序", "原始顺序", "原始順序")
EXCLUDE = ("don't use", "dont use", "do not use", "leave out", "skip", "remove", "drop", "exclude", "without",
           "get rid of", "lose the", "cut out",
           "take out", "no ", "不要用", "别用", "別用", "不用", "去掉", "删掉", "刪掉", "拿掉", "不要")
INCLUDE = ("put back", "back in", " back", "bring back", "use again", "again", "include", "add back", "restore",
           "加回", "放回", "重新用", "恢复", "恢復", "再用")
# a clip named with these goes first ("put cup.mp4 first"; "把 box.mp4 放第一个" is read in clip_cues)
CLIP_FIRST = ("first", "then", "order", "start with", "先", "再", "顺序", "順序", "放前面", "放在前面")
MOTION_OFF = ("still", "static", "no motion", "no photo motion", "motion off", "without motion", "turn off the motion", "no movement", "don't move", "dont move", "stop moving",
              "no pan", "no panning", "stop panning", "no ken burns", "不要动", "不要動", "别动", "別動",
              "静止", "靜止", "不动", "不動", "固定")
MOTION_ON = ("motion", "move", "pan", "ken burns", "animate", "动起来", "動起來", "动态", "動態", "运动", "運動",
             "推进", "推進", "慢慢推", "缓推", "緩推")
REDO = ("redo", "re-do", "do it again", "undo the undo", "put it back the way", "重做", "恢复刚才", "恢復剛才",
        "取消撤销", "取消撤銷")
START_OVER = ("start over", "start again from scratch", "from scratch", "start from scratch", "reset everything",
              "clear everything", "clear the timeline", "begin again", "重新开始", "重新開始", "从头再来", "從頭再來",
              "重来", "重來", "清空", "全部重做")
# fmt: on

# ---------------------------------------------------------------- the beat as heard (skill.local.beat_cues)
# Matched in simplified script (traditional folds to it), lower-case, NFKC; not the pace words ("every
# other beat", "faster cuts" keep cutting on the same beat grid: they are ``pace``).
# fmt: off
BEAT_DOUBLE = ("double time", "double-time", "double the tempo", "double tempo", "double the bpm",
               "double the speed", "double speed", "twice as fast", "twice the tempo", "tempo is double",
               "tempo x2", "bpm x2", "tempo times two", "twice the bpm", "tempo should be double",
               "bpm should be double", "should be twice as fast", "twice too slow",
               "节奏是双倍", "速度是双倍", "节奏应该是双倍", "速度应该是双倍", "应该快一倍", "tempo is twice",
               "twice that", "bpm is double", "bpm is twice", "拍子加倍", "拍子翻倍", "节拍加倍", "节拍翻倍",
               "双倍节奏", "双倍速度", "节拍应该是两倍", "节奏应该是两倍", "速度应该是两倍", "节拍是两倍",
               "节奏是两倍", "慢了一倍",
               "节奏快一倍", "速度快一倍", "快一倍", "快两倍", "双倍速", "两倍速", "2倍速", "倍速", "节奏加倍",
               "速度加倍", "bpm加倍", "bpm 加倍", "bpm翻倍", "bpm 翻倍", "节奏翻倍", "速度翻倍")
BEAT_HALF = ("half time", "half-time", "half the tempo", "halve the tempo", "half tempo", "half the bpm",
             "halve the bpm", "half the speed", "half speed", "half-speed", "twice as slow", "tempo is half",
             "half as fast", "twice too fast", "tempo should be half", "bpm should be half", "应该慢一倍",
             "拍子减半", "节拍减半", "快了一倍",
             "0.5倍速", "0.5倍", "半速", "慢一倍", "慢一半", "节奏减半", "速度减半", "bpm减半", "bpm 减半", "一半的速度",
             "一半的节奏")
BEAT_OFFBEAT = ("off-beat", "offbeat", "off beat", "between the beats", "in between the beats", "between beats",
                "half a beat off", "half a beat out", "half a beat early", "half a beat wrong", "on the and",
                "off by half a beat", "half a beat late", "half a beat behind", "half a beat ahead",
                "offbeats", "off-beats", "off beats", "by half a beat", "cuts half a beat", "beat half a beat",
                "beats half a beat",
                "on the ands", "the and of",
                "反拍", "错半拍", "差半拍", "偏半拍", "错了半拍", "差了半拍", "偏了半拍", "拍子中间", "两拍中间",
                "拍与拍之间", "拍和拍之间", "两拍之间", "拍子之间")
# the tracker's error as the user describes it, read before the words above ("you got half the
# tempo" asks for double time, "you doubled the tempo" for half time)
BEAT_HEARD_HALF = ("you got half the tempo", "you got half the bpm", "you have half the tempo",
                   "you're at half the tempo", "you are at half the tempo", "you're at half tempo",
                   "you are at half tempo", "you halved the tempo", "you halved the bpm", "half the real tempo",
                   "half the actual tempo", "half the real bpm", "you're counting half time",
                   "you are counting half time", "half what it should be", "half of what it should be",
                   "节拍只有一半", "节奏只有一半", "速度只有一半", "好像只有一半", "只有一半的速度")
BEAT_HEARD_DOUBLE = ("you got double the tempo", "you got double the bpm", "you have double the tempo",
                     "you're at double the tempo", "you are at double the tempo", "you're at double tempo",
                     "you are at double tempo", "you doubled the tempo", "you doubled the bpm",
                     "double the real tempo", "double the actual tempo", "double the real bpm",
                     "you're counting double time", "you are counting double time", "twice what it should be",
                     "double what it should be", "节拍多了一倍", "速度多了一倍")
BEAT_DETECTED = ("detected tempo", "detected beat", "detected bpm", "original tempo", "original beat",
                 "original bpm", "reset the tempo", "reset the beat", "reset the bpm", "tempo back",
                 "beat back to", "as detected", "检测到的节奏", "检测到的节拍", "检测到的速度", "检测的节奏",
                 "检测的节拍", "原来的节奏", "原来的节拍", "原来的速度", "原速", "节拍还原", "节奏还原",
                 "恢复节拍", "恢复节奏", "恢复速度", "还原节奏", "还原节拍", "侦测到的节奏", "侦测到的节拍",
                 "侦测到的速度", "侦测的节奏")
# the bar lines (which beat is beat one): "the downbeat is one beat late", "小节线往后移一拍"
BAR_WORDS = ("downbeat", "downbeats", "down beat", "down-beat", "bar line", "bar lines", "barline", "barlines", "the bars", "bars start", "bar starts",
             "first beat of the bar", "first beat of each bar", "beat one", "beat 1 ", "the one is", "the one should", "the 1 is", "the 1 should",
             "强拍", "重拍", "小节线", "小节", "第一拍")
# the way to move them, as asked ("one beat later") or as heard ("the downbeat is a beat late": move it
# earlier); "early"/"late" are checked after "earlier"/"later", which contain them
BAR_LATER = ("later", "afterwards", "往后", "向后", "后移", "推后", "推迟", "延后", "晚一拍", "晚两拍", "晚二拍", "晚三拍")
BAR_EARLIER = ("earlier", "sooner", "往前", "向前", "前移", "提前", "早一拍", "早两拍", "早二拍", "早三拍")
BAR_HEARD_EARLY = ("early", "too soon", "早了", "太早", "偏早")
BAR_HEARD_LATE = ("late", "晚了", "太晚", "偏晚")
BAR_HALF = ("half a bar", "half bar", "半个小节", "半小节")
# a colour look the renderer does not have yet: the reply says so instead of "not understood"
COLOUR_LOOKS = ("black and white", "black & white", "b&w", "grayscale", "greyscale", "monochrome", "sepia",
                "a filter", "the filter", "filter on", "vintage look", "color grade", "colour grade",
                "color grading", "colour grading", "saturation", "黑白", "滤镜", "濾鏡", "调色", "調色",
                "复古色", "復古色", "饱和度", "飽和度")
# the beats to a bar, said without a time signature (skill.local.beat_cues reads "3/4", "6/8", "四三拍"
# and "3 beats per bar" itself): the word and the beats per bar it means
METER_WORDS = (("waltz", 3), ("华尔兹", 3), ("圆舞曲", 3), ("in threes", 3), ("in 3s", 3), ("in fours", 4),
               ("三拍子", 3), ("四拍子", 4), ("二拍子", 2), ("两拍子", 2))
# a tempo named with a number: "tap: 128 bpm", "the tempo is 128", "bpm 是 128", "速度是 128"
TEMPO_WORDS = ("bpm", "tempo", "beats per minute", "tap", "速度", "节奏", "拍速", "节拍速度", "曲速", "拍每分钟",
               "每分钟", "拍/分")
# a number pair that is not a tempo: "10 seconds not 20", "50% not 80%"
NOT_TEMPO = ("second", "sec", "minute", "min", "long", "length", "volume", "percent", "%", "db", "ms",
             "秒", "分钟", "时长", "长度", "音量", "毫秒", "分贝", "段", "个镜头", "shots", "clips")
# a fraction before which these words is a level or a shape, not a time signature: "crop to 3/4"
NOT_METER = (*NOT_TEMPO, "video", "picture", "frame", "crop", "screen", "aspect", "ratio", "size", "loud",
             "视频", "画面", "裁", "屏", "比例", "尺寸", "大小")
# fmt: on
