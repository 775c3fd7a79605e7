"""Words of kzlint's domain that Harper's dictionary lacks, accepted like the user's word list.

kzlint reads news about Kazakhstan and Central Asia: the places, peoples and
institutions of the region, and the vocabulary of diplomacy and economics
("multilateralism", "complementarity", "interregional"). Harper 0.2 flags
every word below as a misspelling; each is a standard English word or a
proper name of the region, so flagging it is a false alarm on every article.
Users add their own words with ``words`` in the configuration.
"""

from __future__ import annotations

DOMAIN_WORDS: frozenset[str] = frozenset(
    """
    akmola aktau aktobe akorda altynkol amanat atyrau baikonur baiterek burabay dostyk ekibastuz irtysh
    karachaganak kashagan khorgos khujand kokshetau konaev kostanay kurultai kyzylorda majilis mazhilis
    oskemen pavlodar petropavl samruk semey shymkent taldykorgan taraz temirtau tengiz turkistan uralsk
    zhanaozen zhezkazgan lianyungang kazyna

    kazakhstani kazakhstanis kyrgyz kyrgyzstani tajik tajikistani turkmen turkmenistani uzbekistani
    uyghur uyghurs dungan eurasianism nauryz nowruz dombra kumis beshbarmak aqsaqal
    tenge renminbi som somoni manat

    hegemonism multilateralism bilateralism minilateral plurilateral multipolar unipolar unipolarity
    complementarity interconnectivity interregional intraregional subregional transregional transborder
    surnamed toxification denuclearization deglobalization reindustrialization regionalization
    securitization digitalization decarbonization geoeconomic sanctionable trilaterally
    interparliamentary subnational transnationally peacebuilding agroindustrial agrotechnology
    biofuel biofuels communiqué sinologist sinologists sinophile sinophobia
    """.split()
)
