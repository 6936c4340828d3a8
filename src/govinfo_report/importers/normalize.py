"""
Normalisation of labels and cells before matching: one key per label, whatever the copy did to it.

Published copies of a report spell the same label in many ways (format-spec §6):
full-width or half-width punctuation (``（一）`` / ``(一)``), spaces inside labels
(``自 然 人``, ``商业 企业``), traditional characters on mirrors (``主動公開``,
``萬元``), zh-TW vocabulary (``檔案`` for 文件), pinyin inserted by spam mirrors
(``公(gong)開(kai)``) and full-width digits.  :func:`label_key` maps all of them
to one key: NFKC, traditional → simplified for the characters that occur in
labels, zh-TW words → mainland words, pinyin runs removed, and then only letters,
digits and ideographs kept (punctuation and whitespace dropped), so that
``“（二）部分公开(区分处理的,只计…)”`` and the official label meet.

:func:`read_cell` reads one table cell: a count, a signed count (本年增/减) or an
amount, with its unit and the diagnostic it deserves.  It never guesses: what it
cannot read exactly it reports as unreadable.

>>> a = label_key("（二）部分公开(区分处理的,只计这一情形,不计其他情形)")
>>> a == label_key("(二) 部分公开（区分处理的，只计这一情形，不计其他情形）")
True
>>> label_key("行政規範性檔案"), label_key("自 然 人"), label_key("公(gong)開(kai)")
('行政规范性文件', '自然人', '公开')
>>> read_cell("178万", "amount")
CellReading(value=Decimal('178'), unit=<AmountUnit.WAN_YUAN: '万元'>, code='UNIT-IN-CELL', note='万')
>>> read_cell("减4", "signed").value, read_cell("０", "count").value
(-4, 0)

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import functools
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from .. import vocab as v
from ..model import AmountUnit

__all__ = [
    "CELL_BREAK",
    "CellReading",
    "is_value_text",
    "join_cell_lines",
    "label_key",
    "looks_like_number",
    "read_cell",
    "strip_numbering",
    "to_simplified",
]

# Traditional → simplified, for the characters of labels, headings, titles and units.
# fmt: off
_TRAD = (
    "萬與專業叢東絲兩嚴喪個豐臨為麗舉麼義烏樂喬習鄉書買亂爭於虧雲亞產畝親褻億僅從侖倉儀們價眾優夥會傘偉傳傷倫"
    "偽體餘傭僉俠侶僥偵側僑儈儕儂億儀儘償優儲兒兌黨蘭關興茲養獸內岡冊寫軍農馮沖決況凍淨淒涼凌減湊凜幾鳳鳧憑凱"
    "擊鑿芻劃劉則剛創刪別剗剄劊劌剴劑剮劍剝劇勸辦務勱動勵勁勞勢勳勝區醫華協單賣盧鹵臥衛卻巹廠廳曆歷厲壓厭厙廁"
    "廂廈廚廄廝縣參雙發變敘疊葉號嘆嘰籲後嚇呂嗎噸聽啟吳嘸囈員問響團園圍圖圓聖場壞塊堅壇壩塢墳墜壟壘墾堊墊執報"
    "處備復複頭誇夾奪奮獎奧妝婦媽嫵嫗姍薑婁婭嬌孌孫學孿寧寶實寵審憲宮寬賓寢對導壽將爾塵堯尷屍盡層屆屬屢嶼歲豈"
    "嶇崗峴島嶺嶽崍巋嶗嶠崢巒嶄幣師帳帶幀幫幬幗幹並廣莊慶廬廡庫應廟龐廢開異棄張彌弳彎彈強歸當錄彥徹徑徠御憶懺"
    "憂愾懷態慫憮慪悵愴憐總懟懌戀懇惡慟懨愷惻惱惲悅慳憤慣愜惺憚慚憫擴掃揚擾撫摶摳掄搶護報擔擬攏揀擁攔擰撥擇掛"
    "摯攣撾撻挾撓擋撟掙擠揮撈損撿換據擄摑擲撣摻摜摣攬擱摟攪攜攝攄擺搖擯攤攖撐攆擷擼攛擻攢敵斂數齋斕鬥斬斷無舊"
    "時曠暘曇晝顯晉曬曉曄暈暉暫曖術樸機殺雜權條來楊榪傑極構樅樞棗櫪梘棖槍楓梟櫃檸檉梔柵標棧櫛櫳棟櫨櫟欄樹棲樣"
    "欒棬椏橈楨檔榿橋樺檜槳樁夢檢樓欖櫸樓歡歐殲歿殤殘殞殮殫殯毆毀轂畢斃氈毿氌氣氫氬氳匯漢湯沒灃漚瀝淪滄渢溈滬"
    "濘淚瀧瀘濼瀉潑澤涇潔灑窪浹淺漿澆湞溮濁測澮濟瀏滻渾滸濃潯濤澇淶漣潿渦渙滌潤澗漲澀淵漬瀆漸澠漁瀋滲溫遊灣濕"
    "潰濺漵漊潷滾滯灩灄滿瀅濾濫灤濱灘澦瀠瀟瀲濰潛瀦瀾瀨瀕灝滅燈靈災燦煬爐燉煒熗點煉熾爍爛烴燭煙煩燒燁燴燙燼熱"
    "煥燜燾煆愛爺牘犛牽犧犢強狀猶狽狹獅獨狹獲猙獄猻獫獵獼玀豬貓蝟獻獺璣瑪瑋環現璽琺璉瑣瓊瑤璦璿瓏瓔瓚甌電畫暢"
    "疇癤療瘧癘瘍瘡瘋皰痾癰痙癢瘂癆瘓癇癡癥瘮瘞瘺癟癱癮癭癩癬癲皚皺皸盞鹽監蓋盜盤瞘眥矚睜睞瞼瞞矯磯礬礦碭碼磚"
    "硨硯碸礪礱礫礎硜碩硤磽磑礄確鹼礙磧磣禮禕禰禎禱禍稟祿禪離禿秈種積稱穢穠穭稅穌穩穡窮竊竅窯竄窩窺竇窶豎競篤"
    "筍筆筧箋籠籩築篳篩簹箏籌簽簡籙簀篋籜籮簞簫簣簍籃籬籪籟糴類秈糶糲粵糞糧糝餱緊縶糸糾紆紅紂纖紇約級紈纊紀紉緯"
    "紜紘純紕紗綱納紝縱綸紛紙紋紡紵紖紐紓線紺紲紱練組紳細織終縐絆紼絀紹繹經紿綁絨結絝繞絰絎繪給絢絳絡絕絞統綆"
    "綃絹繡綌綏絛繼綈績緒綾緓續綺緋綽緔緄繩維綿綬繃綢綯綹綣綜綻綰綠綴緇緙緗緘緬纜緹緲緝縕繢緦綞緞緶線緱縋緩締"
    "縷編緡緣縉縛縟縝縫縗縞纏縭縊縑繽縹縵縲纓縮繆繅纈繚繕繒韁繾繰繯繳纘罌網羅罰罷羆羈羥羨翹翽翬耮耬聳恥聶聾職"
    "聹聯聵聰肅腸膚膁腎腫脹脅膽勝朧腖臚脛膠脈膾髒臍腦膿臠腳脫腡臉臘醃膕齶膩靦膃騰臏臢輿艤艦艙艫艱豔艸藝節羋薌"
    "蕪蘆蓯葦藶莧萇蒼苧蘇檾蘋莖蘢蔦塋煢繭荊薦薘莢蕘蓽蕎薈薺蕩榮葷滎犖熒蕁藎蓀蔭蕒葒葤藥蒞蓧萊蓮蒔萵薟獲蕕瑩鶯蓴"
    "蘀蘿螢營縈蕭薩蔥蕆蕢蔣蔞藍薊蘺蕷鎣驀薔蘞藺藹蘄蘊藪槁蘚虜慮虛蟲虯蟣雖蝦蠆蝕蟻螞蠶蠔蜆蠱蠣蟶蠻蟄蛺蟯螄蠐"
    "蛻蝸蠟蠅蟈蟬蠍螻蠑螿蟎蠨釁銜補襯袞襖嫋褘襪襲襏裝襠褌褳襝褲襇褸襤繈襴見觀覎規覓視覘覽覺覬覡覿覥覦覯覲覷觴觸"
    "觶讋譽謄訁計訂訃認譏訐訌討讓訕訖訓議訊記訒講諱謳詎訝訥許訛論訩訟諷設訪訣證詁訶評詛識詗詐訴診詆謅詞詘詔詖"
    "譯詒誆誄試詿詩詰詼誠誅詵話誕詬詮詭詢詣諍該詳詫諢詡譸誡誣語誚誤誥誘誨誑說誦誒請諸諏諾讀諑誹課諉諛誰諗調諂"
    "諒諄誶談誼謀諶諜謊諫諧謔謁謂諤諭諼讒諮諳諺諦謎諞諝謨讜謖謝謠謗諡謙謐謹謾謫譾謬譚譖譙讕譜譎讞譴譫讖穀豶貝"
    "貞負貟貢財責賢敗賬貨質販貪貧貶購貯貫貳賤賁貰貼貴貺貸貿費賀貽賊贄賈賄貲賃賂贓資賅贐賕賑賚賒賦賭齎贖賞賜贔"
    "賙賡賠賧賴賵贅賻賺賽賾贗讚贇贈贍贏贛赬趙趕趨趲躉躍蹌蹠躒踐躂蹺蹕躚躋踴躊蹤躓躑躡蹣躕躥躪躦軀車軋軌軒軑軔"
    "轉軛輪軟轟軲軻轤軸軹軼軤軫轢軺輕軾載輊轎輈輇輅較輒輔輛輦輩輝輥輞輬輟輜輳輻輯轀輸轡轅轄輾轆轍轔辭辯辮邊遼達"
    "遷過邁運還這進遠違連遲邇逕跡適選遜遞邐邏遺遙鄧鄺鄔郵鄒鄴鄰鬱郤郟鄶鄭鄆酈鄖鄲醞醱醬釅釃釀釋裏鉅鑒鑾鏨釓釔"
    "針釘釗釙釕釷釺釧釤鈒釩釣鍆釹鍚釵鈃鈣鈈鈦鈍鈔鍾鈉鋇鋼鈑鈐鑰欽鈞鎢鉤鈧鈁鈥鈄鈕鈀鈺錢鉦鉗鈷缽鈳鉕鈽鈸鉞鑽"
    "鉬鉭鉀鈿鈾鐵鉑鈴鑠鉛鉚鈰鉉鉈鉍鈹鐸鉶銬銠鉺銪鋏鋣鐃銍鐺銅鋁銱銦鎧鍘銖銑鋌銩銛鏵銓鉿銚鉻銘錚銫鉸銥鏟銃鐋銨"
    "銀銣鑄鐒鋪鋙錸鋱鏈鏗銷鎖鋰鋥鋤鍋鋯鋨鏽銼鋝鋒鋅鋶鐦鐧銳銻鋃鋟鋦錒錆鍺錯錨錡錁錕錩錫錮鑼錘錐錦鍁錈錇錟錠"
    "鍵鋸錳錙鍥鍈鍇鏘鍶鍔鍤鍬鍾鍛鎪鍠鍰鎄鍍鎂鏤鎡鏌鎮鎛鎘鑷鐫鎳鎿鎦鎬鎊鎰鎔鏢鏜鏍鏰鏞鏡鏑鏃鏇鏐鐔钁鐐鏷鑥鐓鑭"
    "鐠鑹鏹鐙鑊鐳鐶鐲鐮鐿鑔鑣鑞鑲長門閂閃閆閈閉問闖閏闈閑閎間閔閌悶閘鬧閨聞闥閩閭闓閥閣閡閫鬮閱閬闍閾閹閶鬩閿"
    "閽閻閼闡闌闃闠闊闋闔闐闒闕闞闤隊陽陰陣階際陸隴陳陘陝隉隕險隨隱隸雋難雛讎靂霧霽黴靄靚靜靨韃鞽韉韝韋韌韍韓"
    "韙韞韜韻頁頂頃頇項順須頊頑顧頓頎頒頌頏預顱領頗頸頡頰頲頜潁熲頦頤頻頮頹頷頴穎顆題顒顎顓顏額顳顢顛顙顥纇顫"
    "顬顰顴風颺颭颮颯颶颸颼颻飀飄飆飆飛饗饜飣饑飥餳飩餼飪飫飭飯飲餞飾飽飼飿飴餌饒餉餄餎餃餏餅餑餖餓餘餒餕餜餛"
    "餡館餷饋餶餿饞饁饃餺餾饈饉饅饊饌饢馬馭馱馴馳驅馹駁驢駔駛駟駙駒騶駐駝駑駕驛駘驍罵駰驕驊駱駭駢驫驪騁驗騂駸"
    "駿騏騎騍騅騌驌驂騙騭騤騷騖驁騮騫騸驃騾驄驏驟驥驦驤髏髖髕鬢魘魎魚魛魢魷魨魯魴魺鮁鮃鯰鱸鮋鮓鮒鮊鮑鱟鮍鮐鮭"
    "鮚鮳鮪鮞鮦鰂鮜鱠鱭鮫鮮鮺鯗鱘鯁鱺鰱鰹鯉鰣鰷鯀鯊鯇鮶鯽鯒鯖鯪鯕鯫鯡鯤鯧鯝鯢鯰鯛鯨鯵鯴鯔鱝鰈鰏鱨鯷鰮鰃鰓鱷"
    "鰍鰒鰉鰁鱂鯿鰠鼇鰭鰨鰥鰩鰟鰜鰳鰾鱈鱉鰻鰵鱅鰼鱖鱔鱗鱒鱯鱤鱧鱣鳥鳩雞鳶鳴鳲鷗鴉鶬鴇鴆鴣鶇鸕鴨鴞鴦鴒鴟鴝鴛鴬"
    "鴕鷥鷙鴯鴰鵂鴴鵃鴿鸞鴻鵐鵓鸝鵑鵠鵝鵒鷳鵜鵡鵲鶓鵪鶤鵯鵬鵮鶉鶊鵷鷫鶘鶡鶚鶻鶿鶥鶩鷊鷂鶲鶹鶺鷁鶼鶴鷖鸚鷓鷚鷯鷦"
    "鷲鷸鷺鸇鷹鸌鸏鸛鸘鹺麥麩黃黌黶黷黲黽黿鼂鼉鞀鼴齇齊齏齒齔齕齗齟齡齙齠齜齦齬齪齲齷龍龔龕龜誌製谘隻裡係範鬆冇"
    "嚐嘗醜衝溝鞏颱驚臺週佈彙準諮餘國採綫甦粧厠幺"
)
_SIMP = (
    "万与专业丛东丝两严丧个丰临为丽举么义乌乐乔习乡书买乱争于亏云亚产亩亲亵亿仅从仑仓仪们价众优伙会伞伟传伤伦"
    "伪体余佣佥侠侣侥侦侧侨侩侪侬亿仪尽偿优储儿兑党兰关兴兹养兽内冈册写军农冯冲决况冻净凄凉凌减凑凛几凤凫凭凯"
    "击凿刍划刘则刚创删别刬刭刽刿剀剂剐剑剥剧劝办务劢动励劲劳势勋胜区医华协单卖卢卤卧卫却卺厂厅历历厉压厌厍厕"
    "厢厦厨厩厮县参双发变叙叠叶号叹叽吁后吓吕吗吨听启吴呒呓员问响团园围图圆圣场坏块坚坛坝坞坟坠垄垒垦垩垫执报"
    "处备复复头夸夹夺奋奖奥妆妇妈妩妪姗姜娄娅娇娈孙学孪宁宝实宠审宪宫宽宾寝对导寿将尔尘尧尴尸尽层届属屡屿岁岂"
    "岖岗岘岛岭岳崃岿崂峤峥峦崭币师帐带帧帮帱帼干并广庄庆庐庑库应庙庞废开异弃张弥弪弯弹强归当录彦彻径徕御忆忏"
    "忧忾怀态怂怃怄怅怆怜总怼怿恋恳恶恸恹恺恻恼恽悦悭愤惯惬惺惮惭悯扩扫扬扰抚抟抠抡抢护报担拟拢拣拥拦拧拨择挂"
    "挚挛挝挞挟挠挡挢挣挤挥捞损捡换据掳掴掷掸掺掼揸揽搁搂搅携摄摅摆摇摈摊撄撑撵撷撸撺擞攒敌敛数斋斓斗斩断无旧"
    "时旷旸昙昼显晋晒晓晔晕晖暂暧术朴机杀杂权条来杨杩杰极构枞枢枣枥枧枨枪枫枭柜柠柽栀栅标栈栉栊栋栌栎栏树栖样"
    "栾桊桠桡桢档桤桥桦桧桨桩梦检楼榄榉楼欢欧歼殁殇残殒殓殚殡殴毁毂毕毙毡毵氇气氢氩氲汇汉汤没沣沤沥沦沧沨沩沪"
    "泞泪泷泸泺泻泼泽泾洁洒洼浃浅浆浇浈浉浊测浍济浏浐浑浒浓浔涛涝涞涟涠涡涣涤润涧涨涩渊渍渎渐渑渔沈渗温游湾湿"
    "溃溅溆溇滗滚滞滟滠满滢滤滥滦滨滩滪潆潇潋潍潜潴澜濑濒灏灭灯灵灾灿炀炉炖炜炝点炼炽烁烂烃烛烟烦烧烨烩烫烬热"
    "焕焖焘煅爱爷牍牦牵牺犊强状犹狈狭狮独狭获狰狱狲猃猎猕猡猪猫猬献獭玑玛玮环现玺珐琏琐琼瑶瑷璇珑璎瓒瓯电画畅"
    "畴疖疗疟疠疡疮疯疱疴痈痉痒痖痨痪痫痴症瘆瘗瘘瘪瘫瘾瘿癞癣癫皑皱皲盏盐监盖盗盘眍眦瞩睁睐睑瞒矫矶矾矿砀码砖"
    "砗砚砜砺砻砾础硁硕硖硗硙硚确碱碍碛碜礼祎祢祯祷祸禀禄禅离秃籼种积称秽秾穞税稣稳穑穷窃窍窑窜窝窥窦窭竖竞笃"
    "笋笔笕笺笼笾筑筚筛筜筝筹签简箓箦箧箨箩箪箫篑篓篮篱簖籁籴类籼粜粝粤粪粮糁糇紧絷纟纠纡红纣纤纥约级纨纩纪纫纬"
    "纭纮纯纰纱纲纳纴纵纶纷纸纹纺纻纼纽纾线绀绁绂练组绅细织终绉绊绋绌绍绎经绐绑绒结绔绕绖绗绘给绚绛络绝绞统绠"
    "绡绢绣绤绥绦继绨绩绪绫绬续绮绯绰绱绲绳维绵绶绷绸绹绺绻综绽绾绿缀缁缂缃缄缅缆缇缈缉缊缋缌缍缎缏线缑缒缓缔"
    "缕编缗缘缙缚缛缜缝缞缟缠缡缢缣缤缥缦缧缨缩缪缫缬缭缮缯缰缱缲缳缴缵罂网罗罚罢罴羁羟羡翘翙翚耢耧耸耻聂聋职"
    "聍联聩聪肃肠肤肷肾肿胀胁胆胜胧胨胪胫胶脉脍脏脐脑脓脔脚脱脶脸腊腌腘腭腻腼腽腾膑臜舆舣舰舱舻艰艳艹艺节芈芗"
    "芜芦苁苇苈苋苌苍苎苏苘苹茎茏茑茔茕茧荆荐荙荚荛荜荞荟荠荡荣荤荥荦荧荨荩荪荫荬荭荮药莅莜莱莲莳莴莶获莸莹莺莼"
    "萚萝萤营萦萧萨葱蒇蒉蒋蒌蓝蓟蓠蓣蓥蓦蔷蔹蔺蔼蕲蕴薮藁藓虏虑虚虫虬虮虽虾虿蚀蚁蚂蚕蚝蚬蛊蛎蛏蛮蛰蛱蛲蛳蛴"
    "蜕蜗蜡蝇蝈蝉蝎蝼蝾螀螨蟏衅衔补衬衮袄袅袆袜袭袯装裆裈裢裣裤裥褛褴襁襕见观觃规觅视觇览觉觊觋觌觍觎觏觐觑觞触"
    "觯詟誉誊讠计订讣认讥讦讧讨让讪讫训议讯记讱讲讳讴讵讶讷许讹论讻讼讽设访诀证诂诃评诅识诇诈诉诊诋诌词诎诏诐"
    "译诒诓诔试诖诗诘诙诚诛诜话诞诟诠诡询诣诤该详诧诨诩诪诫诬语诮误诰诱诲诳说诵诶请诸诹诺读诼诽课诿谀谁谂调谄"
    "谅谆谇谈谊谋谌谍谎谏谐谑谒谓谔谕谖谗谘谙谚谛谜谝谞谟谠谡谢谣谤谥谦谧谨谩谪谫谬谭谮谯谰谱谲谳谴谵谶谷豮贝"
    "贞负贠贡财责贤败账货质贩贪贫贬购贮贯贰贱贲贳贴贵贶贷贸费贺贻贼贽贾贿赀赁赂赃资赅赆赇赈赉赊赋赌赍赎赏赐赑"
    "赒赓赔赕赖赗赘赙赚赛赜赝赞赟赠赡赢赣赪赵赶趋趱趸跃跄跖跞践跶跷跸跹跻踊踌踪踬踯蹑蹒蹰蹿躏躜躯车轧轨轩轪轫"
    "转轭轮软轰轱轲轳轴轵轶轷轸轹轺轻轼载轾轿辀辁辂较辄辅辆辇辈辉辊辋辌辍辎辏辐辑辒输辔辕辖辗辘辙辚辞辩辫边辽达"
    "迁过迈运还这进远违连迟迩迳迹适选逊递逦逻遗遥邓邝邬邮邹邺邻郁郄郏郐郑郓郦郧郸酝酦酱酽酾酿释里钜鉴銮錾钆钇"
    "针钉钊钋钌钍钎钏钐钑钒钓钔钕钖钗钘钙钚钛钝钞钟钠钡钢钣钤钥钦钧钨钩钪钫钬钭钮钯钰钱钲钳钴钵钶钷钸钹钺钻"
    "钼钽钾钿铀铁铂铃铄铅铆铈铉铊铋铍铎铏铐铑铒铕铗铘铙铚铛铜铝铞铟铠铡铢铣铤铥铦铧铨铪铫铬铭铮铯铰铱铲铳铴铵"
    "银铷铸铹铺铻铼铽链铿销锁锂锃锄锅锆锇锈锉锊锋锌锍锎锏锐锑锒锓锔锕锖锗错锚锜锞锟锠锡锢锣锤锥锦锨锩锫锬锭"
    "键锯锰锱锲锳锴锵锶锷锸锹锺锻锼锽锾锿镀镁镂镃镆镇镈镉镊镌镍镎镏镐镑镒镕镖镗镙镚镛镜镝镞镟镠镡镢镣镤镥镦镧"
    "镨镩镪镫镬镭镮镯镰镱镲镳镴镶长门闩闪闫闬闭问闯闰闱闲闳间闵闶闷闸闹闺闻闼闽闾闿阀阁阂阃阄阅阆阇阈阉阊阋阌"
    "阍阎阏阐阑阒阓阔阕阖阗阘阙阚阛队阳阴阵阶际陆陇陈陉陕陧陨险随隐隶隽难雏雠雳雾霁霉霭靓静靥鞑鞒鞯鞲韦韧韨韩"
    "韪韫韬韵页顶顷顸项顺须顼顽顾顿颀颁颂颃预颅领颇颈颉颊颋颌颍颎颏颐频颒颓颔颕颖颗题颙颚颛颜额颞颟颠颡颢颣颤"
    "颥颦颧风飏飐飑飒飓飔飕飖飗飘飙飚飞飨餍饤饥饦饧饨饩饪饫饬饭饮饯饰饱饲饳饴饵饶饷饸饹饺饻饼饽饾饿馀馁馂馃馄"
    "馅馆馇馈馉馊馋馌馍馎馏馐馑馒馓馔馕马驭驮驯驰驱驲驳驴驵驶驷驸驹驺驻驼驽驾驿骀骁骂骃骄骅骆骇骈骉骊骋验骍骎"
    "骏骐骑骒骓骔骕骖骗骘骙骚骛骜骝骞骟骠骡骢骣骤骥骦骧髅髋髌鬓魇魉鱼鱽鱾鱿鲀鲁鲂鲄鲅鲆鲇鲈鲉鲊鲋鲌鲍鲎鲏鲐鲑"
    "鲒鲓鲔鲕鲖鲗鲘鲙鲚鲛鲜鲝鲞鲟鲠鲡鲢鲣鲤鲥鲦鲧鲨鲩鲪鲫鲬鲭鲮鲯鲰鲱鲲鲳鲴鲵鲶鲷鲸鲹鲺鲻鲼鲽鲾鲿鳀鳁鳂鳃鳄"
    "鳅鳆鳇鳈鳉鳊鳋鳌鳍鳎鳏鳐鳑鳒鳓鳔鳕鳖鳗鳘鳙鳛鳜鳝鳞鳟鳠鳡鳢鳣鸟鸠鸡鸢鸣鸤鸥鸦鸧鸨鸩鸪鸫鸬鸭鸮鸯鸰鸱鸲鸳鸴"
    "鸵鸶鸷鸸鸹鸺鸻鸼鸽鸾鸿鹀鹁鹂鹃鹄鹅鹆鹇鹈鹉鹊鹋鹌鹍鹎鹏鹐鹑鹒鹓鹔鹕鹖鹗鹘鹚鹛鹜鹝鹞鹟鹠鹡鹢鹣鹤鹥鹦鹧鹨鹩鹪"
    "鹫鹬鹭鹯鹰鹱鹲鹳鹴鹾麦麸黄黉黡黩黪黾鼋鼌鼍鼗鼹齄齐齑齿龀龁龂龃龄龅龆龇龈龉龊龋龌龙龚龛龟志制咨只里系范松没"
    "尝尝丑冲沟巩台惊台周布汇准咨余国采线苏妆厕么"
)
# fmt: on
if len(_TRAD) != len(_SIMP):  # pragma: no cover - a typo in the tables above
    raise AssertionError(f"traditional/simplified tables differ in length: {len(_TRAD)} != {len(_SIMP)}")

_T2S: dict[int, str] = {ord(t): s for t, s in zip(_TRAD, _SIMP, strict=False) if t != s}
# Signs and dashes that NFKC leaves alone.
_T2S[0x2212] = "-"  # MINUS SIGN


def to_simplified(text: str) -> str:
    """
    *text* with the traditional characters of the table replaced, one character for one.

    >>> to_simplified("主動公開政府資訊")
    '主动公开政府资讯'
    """
    return text.translate(_T2S)


# zh-TW words → mainland words, on already simplified text; equal lengths keep positions.
_WORD_ALIASES: tuple[tuple[str, str], ...] = tuple(
    (to_simplified(variant), term.zh) for term in v.ZH_TW_WORDS for variant in term.variants
)
for _tw, _cn in _WORD_ALIASES:
    if len(_tw) != len(_cn):  # pragma: no cover - a vocabulary entry of the wrong length
        raise AssertionError(f"zh-TW alias {_tw!r} → {_cn!r} changes the length")

_PINYIN = re.compile(r"(?<=[^\x00-\x7f])\([a-z]{1,6}\)")
_NON_WORD = re.compile(r"[\W_]+")
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]{1,3}|\d{1,2})(?=\D)")


@functools.lru_cache(maxsize=8192)
def label_key(text: str) -> str:
    """
    The matching key of a label: normalised, simplified, with punctuation and whitespace removed.

    Args:
        text: A label as printed.

    Returns:
        The key; two spellings of one label have the same key.

    .. versionadded:: 0.1.0
    """
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
        if "(" in text:
            text = _PINYIN.sub("", text)
        text = text.translate(_T2S)
    text = _NON_WORD.sub("", text)
    for tw, cn in _WORD_ALIASES:
        if tw in text:
            text = text.replace(tw, cn)
    return text


def strip_numbering(key: str) -> str:
    """
    A label key without its leading numbering (``一``, ``3``), or the key itself.

    >>> strip_numbering("1属于国家秘密"), strip_numbering("一予以公开"), strip_numbering("规章")
    ('属于国家秘密', '予以公开', '规章')
    """
    return _NUMBERING.sub("", key, count=1)


@functools.lru_cache(maxsize=1024)
def char_key_length(char: str) -> int:
    """How many key characters one printed character contributes (0 for punctuation and spaces)."""
    return len(label_key(char))


# ----------------------------------------------------------------------------
# Cells
# ----------------------------------------------------------------------------


def _alternatives(term: v.Term) -> tuple[str, ...]:
    return (term.zh, *term.variants)


_NA = frozenset(unicodedata.normalize("NFKC", t).translate(_T2S) for t in _alternatives(v.NOT_APPLICABLE))
_WAN = tuple(sorted({to_simplified(unicodedata.normalize("NFKC", t)) for t in _alternatives(v.WAN_YUAN)}, key=len))
_YUAN = v.YUAN.zh
_COUNT_UNITS = "|".join(re.escape(u) for u in _alternatives(v.COUNT_UNIT))
_UNITS = "|".join(re.escape(u) for u in sorted({*_WAN, _YUAN}, key=len, reverse=True))
_NUMBER = re.compile(
    rf"(?P<sign>[+\-]|{re.escape(v.INCREASE.zh)}|{re.escape(v.DECREASE.zh)})?\s*"
    r"(?P<num>\d{1,3}(?:,\d{3})+|\d{1,3}(?: \d{3})+|\d+)(?P<frac>\.\d+)?(?P<exp>[eE][+\-]?\d{1,3})?\s*"
    rf"(?P<unit>{_UNITS}|{_COUNT_UNITS})?"
)


class CellReading(NamedTuple):
    """
    What one cell says.

    Attributes:
        value: The number, or None for a blank, not-applicable or unreadable cell.
        unit: The amount unit written in the cell (amounts only), or None.
        code: The diagnostic code the cell deserves (``NOT-APPLICABLE``,
            ``UNIT-IN-CELL``, ``DIGIT-GROUPS``, ``UNREADABLE-CELL``), or None.
        note: What the diagnostic quotes: the unit, the mark, or the text that was not understood.
    """

    value: int | Decimal | None
    unit: AmountUnit | None = None
    code: str | None = None
    note: str = ""


def _clean(text: str) -> str:
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(_T2S)
    return text.strip()


# What a page shows that only looks like a number: superscripts and subscripts (5², 25¹), circled or enclosed
# digits (①, ⑩, ⒈), Roman numerals, digits of other scripts, struck-through text (U+0336 overlays, written by
# the HTML reader for <del>, <s>, <strike>), hidden text (the HTML reader's HIDDEN mark), and Chinese numerals.
HIDDEN_OPEN, HIDDEN_CLOSE = "⁅", "⁆"
STRIKE = "\u0336"
# A line break inside one cell (``<br>``, two paragraphs, a wrapped PDF or Excel cell) between two digits: the
# readers keep it as U+2028 LINE SEPARATOR, so that ``100`` over ``100`` is never read as one number 100100.
CELL_BREAK = "\u2028"
_BROKEN_DIGITS = re.compile(r"\d\s*\u2028\s*\d")
_CELL_BREAK_AT = re.compile(r"[ \t\n\r\f]*\u2028[ \t\n\r\f\u2028]*")
_CN_NUMERALS = re.compile(r"[〇零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟]+[件个项]?")
_IDEOGRAPH = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _lookalike_digit(c: str) -> bool:
    if "0" <= c <= "9" or "０" <= c <= "９":
        return False
    return unicodedata.category(c) in ("Nd", "No", "Nl")


def join_cell_lines(text: str) -> str:
    """
    The text of one cell whose line breaks are written :data:`CELL_BREAK`, as one line.

    A break between two digits stays (the cell shows two numbers, which is unreadable, never one
    number); every other break is one space.

    >>> join_cell_lines("100\\u2028 100"), join_cell_lines("行政\\u2028复议"), join_cell_lines("12\\u2028件")
    ('100\\u2028100', '行政 复议', '12 件')
    """
    if CELL_BREAK not in text:
        return text
    parts = _CELL_BREAK_AT.split(text)
    out = parts[0]
    for part in parts[1:]:
        if not part:
            continue
        if not out:
            out = part
            continue
        out += CELL_BREAK if out[-1].isdigit() and part[0].isdigit() else " "
        out += part
    return out


@functools.lru_cache(maxsize=8192)
def looks_like_number(text: str) -> bool:
    """
    True when *text* resembles a number without being one that can be read: ``5²``, ``①``, ``一百二十``,
    struck-through or hidden text.

    Such a cell is a value of the table (it takes its column), but its value is unreadable: blank, never the
    number it resembles.

    >>> looks_like_number("5²"), looks_like_number("⑩"), looks_like_number("一百二十"), looks_like_number("52")
    (True, True, True, False)
    """
    s = text.strip()
    if not s or s.isascii():
        return False
    if s.startswith(HIDDEN_OPEN) or STRIKE in s:
        return True
    if CELL_BREAK in s and _BROKEN_DIGITS.search(s):
        return True  # two numbers on two lines of one cell
    if _CN_NUMERALS.fullmatch(s):
        return True
    if any(_lookalike_digit(c) for c in s):
        return len(_IDEOGRAPH.findall(s)) < 2
    return False


@functools.lru_cache(maxsize=8192)
def is_value_text(text: str) -> bool:
    """
    True when *text* reads as a cell value: blank, a not-applicable mark, or a number with an optional sign and unit.

    Text that only resembles a number (:func:`looks_like_number`) is a cell value too, that
    :func:`read_cell` reports as unreadable.

    >>> is_value_text(" 0\\xa0"), is_value_text("178万"), is_value_text("—"), is_value_text("规章")
    (True, True, True, False)
    """
    if looks_like_number(text):
        return True
    s = _clean(text)
    return not s or s in _NA or _NUMBER.fullmatch(s) is not None


@functools.lru_cache(maxsize=8192)
def read_cell(text: str, kind: str, *, fixed_unit: AmountUnit | None = None) -> CellReading:
    """
    Read one cell as printed.

    Args:
        text: The cell as printed.
        kind: ``"count"``, ``"signed"`` (本年增/减) or ``"amount"``.
        fixed_unit: For an amount whose unit the table header prints (万元), that unit:
            a cell in 元 is converted exactly, and the reading carries no unit.

    Returns:
        The reading.  A blank cell is ``CellReading(None)`` with no code.

    .. versionadded:: 0.1.0
    """
    if looks_like_number(text):
        return CellReading(None, code="UNREADABLE-CELL", note=text.strip())
    s = _clean(text)
    if not s:
        return CellReading(None)
    if s in _NA:
        return CellReading(None, code="NOT-APPLICABLE", note=s)
    m = _NUMBER.fullmatch(s)
    if m is None:
        return CellReading(None, code="UNREADABLE-CELL", note=s)
    sign, num, frac, exp, unit = m.group("sign", "num", "frac", "exp", "unit")
    negative = sign in ("-", v.DECREASE.zh)
    digits = num.replace(",", "").replace(" ", "")
    grouped = len(digits) != len(num)
    if kind != "amount":
        if frac or exp or (unit and unit not in _alternatives(v.COUNT_UNIT)):
            return CellReading(None, code="UNREADABLE-CELL", note=s)
        if negative and kind != "signed":
            return CellReading(None, code="UNREADABLE-CELL", note=s)
        n = int(digits)
        value = -n if negative else n
        if unit:
            return CellReading(value, code="UNIT-IN-CELL", note=unit)
        return CellReading(value, code="DIGIT-GROUPS" if grouped else None, note=text.strip() if grouped else "")
    if negative or (unit and unit in _alternatives(v.COUNT_UNIT)):
        return CellReading(None, code="UNREADABLE-CELL", note=s)
    try:
        amount = Decimal(digits + (frac or "") + (exp or ""))
    except InvalidOperation:  # pragma: no cover - the pattern only lets decimals through
        return CellReading(None, code="UNREADABLE-CELL", note=s)
    if not amount.is_finite():  # pragma: no cover
        return CellReading(None, code="UNREADABLE-CELL", note=s)
    written: AmountUnit | None = None
    if unit:
        written = AmountUnit.YUAN if unit == _YUAN else AmountUnit.WAN_YUAN
    if fixed_unit is None:
        if grouped and not unit:
            return CellReading(amount, None, "DIGIT-GROUPS", text.strip())
        return CellReading(amount, written, "UNIT-IN-CELL" if unit else None, unit or "")
    if written is None or written is fixed_unit:
        if grouped and not unit:
            return CellReading(amount, None, "DIGIT-GROUPS", text.strip())
        return CellReading(amount, None, "UNIT-IN-CELL" if unit else None, unit or "")
    # 元 in a 万元 column: convert exactly (no rounding), and say so.
    converted = amount.scaleb(-4)
    converted = converted.quantize(Decimal(1)) if converted == converted.to_integral_value() else converted.normalize()
    return CellReading(converted, None, "UNIT-CONVERTED", unit)
