"""The words of the synthetic county: names, organisations, path event texts.

Finnish as the professionals would write them; common Finnish and Finland-Swedish
names. Kept compact on purpose (one screen per list).
"""

# fmt: off

MALE = ['Juha', 'Timo', 'Matti', 'Kari', 'Mikko', 'Jari', 'Antti', 'Jukka', 'Mika', 'Markku',
        'Pekka', 'Hannu', 'Heikki', 'Seppo', 'Janne', 'Ari', 'Sami', 'Petri', 'Ville', 'Marko',
        'Tuomas', 'Jani', 'Lauri', 'Teemu', 'Joni', 'Aleksi', 'Eero', 'Juho', 'Olli', 'Tommi',
        'Risto', 'Pasi', 'Jussi', 'Kalle', 'Niko', 'Esa', 'Harri', 'Jarmo', 'Toni', 'Arto']

FEMALE = ['Anne', 'Tuula', 'Päivi', 'Anna', 'Pirjo', 'Sari', 'Minna', 'Tiina', 'Riitta', 'Marja',
          'Leena', 'Johanna', 'Satu', 'Elina', 'Laura', 'Hanna', 'Kaisa', 'Sanna', 'Heidi',
          'Katja', 'Jenni', 'Eija', 'Merja', 'Susanna', 'Maria', 'Emilia', 'Noora', 'Henna',
          'Niina', 'Outi', 'Pia', 'Sirpa', 'Kirsi', 'Terhi', 'Jaana', 'Mervi', 'Anu', 'Salla',
          'Veera', 'Aino']

MALE_SV = ['Anders', 'Johan', 'Erik', 'Mikael', 'Henrik', 'Fredrik', 'Kristian', 'Mats']

FEMALE_SV = ['Anna', 'Maria', 'Sofia', 'Karin', 'Linnea', 'Ida', 'Emma', 'Camilla']

LAST = ['Korhonen', 'Virtanen', 'Mäkinen', 'Nieminen', 'Mäkelä', 'Hämäläinen', 'Laine',
        'Heikkinen', 'Koskinen', 'Järvinen', 'Lehtonen', 'Lehtinen', 'Saarinen', 'Salminen',
        'Heinonen', 'Niemi', 'Heikkilä', 'Kinnunen', 'Salonen', 'Turunen', 'Salo', 'Laitinen',
        'Tuominen', 'Rantanen', 'Karjalainen', 'Jokinen', 'Mattila', 'Savolainen', 'Lahtinen',
        'Ahonen', 'Hiltunen', 'Leinonen', 'Kettunen', 'Miettinen', 'Hirvonen', 'Laaksonen',
        'Väisänen', 'Pitkänen', 'Aaltonen', 'Manninen', 'Koivisto', 'Lehto', 'Harju', 'Ojala',
        'Anttila', 'Toivonen', 'Leppänen', 'Hakala', 'Seppälä', 'Kallio', 'Peltonen', 'Vainio',
        'Räsänen', 'Kemppainen', 'Laakso', 'Hyvönen', 'Kärkkäinen', 'Nurmi', 'Mustonen', 'Åberg']

LAST_SV = ['Lindqvist', 'Nyström', 'Holmberg', 'Sjöberg', 'Grönroos', 'Eriksson', 'Johansson',
           'Lindberg', 'Forsman', 'Westerlund']

# (region, its genitive, [(municipality, its genitive)]) — names in the organisations.
REGIONS = [('Kanta-Häme', 'Kanta-Hämeen',
            [('Hämeenlinna', 'Hämeenlinnan'), ('Riihimäki', 'Riihimäen'), ('Forssa', 'Forssan'),
             ('Janakkala', 'Janakkalan')]),
           ('Keski-Suomi', 'Keski-Suomen',
            [('Jyväskylä', 'Jyväskylän'), ('Jämsä', 'Jämsän'), ('Äänekoski', 'Äänekosken'),
             ('Laukaa', 'Laukaan')]),
           ('Pohjois-Savo', 'Pohjois-Savon',
            [('Kuopio', 'Kuopion'), ('Iisalmi', 'Iisalmen'), ('Varkaus', 'Varkauden'),
             ('Siilinjärvi', 'Siilinjärven')]),
           ('Satakunta', 'Satakunnan',
            [('Pori', 'Porin'), ('Rauma', 'Rauman'), ('Ulvila', 'Ulvilan'),
             ('Kankaanpää', 'Kankaanpään')])]

# (kind, name pattern, professions) — about 40 network organisations in all.
NETWORK_ORGS = [('health_centre', 3, '{mg} sote-keskus',
                 ['Lääkäri', 'Fysioterapeutti', 'Psykiatrinen sairaanhoitaja',
                  'Työttömien terveystarkastusten terveydenhoitaja',
                  'Sosiaaliohjaaja (terveydenhuolto)']),
                ('social_work', 2, '{rg} hyvinvointialue, aikuissosiaalityö, {m}',
                 ['Sosiaalityöntekijä', 'Sosiaaliohjaaja']),
                ('employment_services', 2, '{mg} työllisyyspalvelut (kuntakokeilu)',
                 ['Työllisyysasiantuntija', 'Työhönvalmentaja'])]

REGION_ORGS = [('te_services', '{rg} TE-palvelut', ['Työkykyneuvoja', 'Asiantuntija']),
               ('typ', 'TYP {r}', ['Kuntoutusohjaaja', 'Sosiaaliohjaaja']),
               ('kela', 'Kela, {mg} palvelupiste', ['Kelan työkykyneuvoja', 'Etuuskäsittelijä']),
               ('specialist_care', '{rg} keskussairaala', ['Erikoislääkäri', 'Kuntoutusohjaaja'])]

SHARED_ORGS = [('pension_insurer', 'Työeläkeyhtiö Vakaa', ['Kuntoutusasiantuntija']),
               ('pension_insurer', 'Eläkevakuutus Tuki', ['Kuntoutusasiantuntija']),
               ('ngo', 'Klubitalo Tupa ry', ['Klubitalon ohjaaja']),
               ('ngo', 'Mielenterveysyhdistys Silta ry', ['Vertaisohjaaja', 'Järjestötyöntekijä']),
               ('private_provider', 'Työhönvalmennus Polku Oy', ['Työhönvalmentaja']),
               ('private_provider', 'Kuntoutuspalvelu Askel Oy',
                ['Fysioterapeutti', 'Työhönvalmentaja'])]

# Where a referral comes from: (source_kind, organisation kind or None, weight).
SOURCES = [('physician', 'health_centre', 20), ('physiotherapist', 'health_centre', 9),
           ('psychiatric_nurse', 'health_centre', 10), ('health_check_nurse', 'health_centre', 9),
           ('social_work', 'social_work', 10), ('employment_services', 'employment_services', 16),
           ('te_services', 'te_services', 6), ('typ', 'typ', 5), ('kela', 'kela', 4),
           ('ngo', 'ngo', 2), ('self', None, 5), ('walk_in', None, 3), ('other', None, 1)]

CHANNEL_BY_KIND = {'physician': 'patient_record_message',
                   'physiotherapist': 'patient_record_message',
                   'psychiatric_nurse': 'patient_record_message',
                   'health_check_nurse': 'patient_record_message',
                   'social_work': 'encrypted_email',
                   'employment_services': 'encrypted_email',
                   'te_services': 'encrypted_email',
                   'typ': 'encrypted_email',
                   'kela': 'phone',
                   'ngo': 'phone',
                   'self': 'web_form',
                   'walk_in': 'in_person',
                   'other': 'paper'}

REASONS = ['Työkyvyn selvittely ja palvelutarpeen arviointi.',
           'Pitkittynyt työttömyys, terveydelliset rajoitteet; työkyvyn arvio.',
           'Sairauspäivärahan enimmäisaika täyttymässä, jatkosuunnitelma puuttuu.',
           'Kuntoutustuki päättymässä, tarvitaan kuntoutusvaihtoehtojen selvittely.',
           'Osatyökykyinen, toivoo osa-aikatyötä; työkyvyn tuen tarve.',
           'Toistuvia lyhyitä sairauslomia, työllistyminen ei etene.',
           'B-lausunto ja kuntoutusselvitys tarpeen; palvelut hajallaan.',
           'Mielenterveyden haasteet, tarvitaan verkoston kokoaminen.']

DECLINE_REASONS = ['Asiakas ei halua palvelua.', 'Ei työkyvyn tuen tarvetta tällä hetkellä.']

REDIRECTS = [('TYP', 'Asiakas on jo TYP:n asiakkuudessa.'),
             ('Kelan ammatillinen kuntoutus', 'Tarve on suoraan ammatillinen kuntoutus.'),
             ('Aikuissosiaalityö', 'Ensisijainen tarve on sosiaalityössä.')]

AREAS = {'Lääkäri': 'Hoitosuhde ja lausunnot',
         'Fysioterapeutti': 'Toimintakyvyn arvio',
         'Psykiatrinen sairaanhoitaja': 'Mielenterveyden hoito',
         'Työttömien terveystarkastusten terveydenhoitaja': 'Terveystarkastus',
         'Sosiaaliohjaaja (terveydenhuolto)': 'Terveydenhuollon sosiaaliohjaus',
         'Sosiaalityöntekijä': 'Sosiaalihuollon omatyöntekijä (SHL 42 §)',
         'Sosiaaliohjaaja': 'Sosiaaliohjaus',
         'Työllisyysasiantuntija': 'Työnhaku ja työllisyyspalvelut',
         'Työhönvalmentaja': 'Työhönvalmennus',
         'Työkykyneuvoja': 'Työkykyohjelma',
         'Kuntoutusohjaaja': 'Kuntoutuksen ohjaus',
         'Kelan työkykyneuvoja': 'Kelan kuntoutus ja etuudet'}

CONTACTS = [('phone', 'Puhelu asiakkaalle, tilanteen päivitys'),
            ('phone', 'Asiakas soitti, sovittiin uusi tapaaminen'),
            ('message', 'Tekstiviesti: muistutus tulevasta tapaamisesta'),
            ('message', 'Viesti asiakkaalle: yhteenveto sovituista asioista'),
            ('letter', 'Kirje asiakkaalle: kutsu tapaamiseen'),
            ('phone', 'Yhteydenotto asiakkaaseen työkokeilun aloituksesta')]

MEETINGS = [('in_person', 'Tapaaminen, työkyvyn selvittelyä'),
            ('in_person', 'Tapaaminen: palvelutarpeen arviointi'),
            ('in_person', 'Verkostotapaaminen: asiakas, TKK ja verkosto, vastuut jaettu'),
            ('in_person', 'Seurantatapaaminen, asiakkuussuunnitelman päivitys'),
            ('video', 'Etätapaaminen, tilanteen päivitys'),
            ('phone', 'Puhelinaika, tilanteen päivitys ja seuraavat askeleet')]

CONSULTATIONS = ['TKK konsultoi: kuntoutusvaihtoehdot asiakkaan kirjallisella suostumuksella',
                 'TKK konsultoi asiakkaan jatko-ohjauksesta asiakkaan suostumuksella',
                 'Konsultaatio asiakkaan tilanteesta ennen verkostopalaveria']

STATEMENTS = [('B-lausunto', 'Asiakas varaa lääkärin ajan B-lausuntoa varten'),
              ('B-lausunto', 'B-lausunto pyydetty kuntoutusta varten'),
              ('C-lausunto', 'C-lausunto pyydetty eläkehakemusta varten'),
              ('Työkykyarvio', 'Työkykyarvio pyydetty työterveyshuollosta')]

REFERRALS_OUT = ['Lähete työttömien terveystarkastukseen',
                 'Ohjaus Kelan ammatilliseen kuntoutukseen', 'Ohjaus kuntouttavaan työtoimintaan',
                 'Ohjaus työkokeiluun', 'Lähete psykiatrian poliklinikalle']

NOTES = ['TKK tekee työkykyarvion ja suunnitelmaehdotuksen lääkärille potilastietojärjestelmään '
         'kirjattuna',
         'Asiakkuussuunnitelma päivitetty', 'Asiakas peruutti tapaamisen',
         'Palvelutarpeen arvio kirjattu',
         'Asiakkaan oma arvio työkyvystä kirjattu (työkykypistemäärä)']

NEXT_STEPS = ['', '', '', 'Seuraava tapaaminen sovittu.', 'Odotetaan lausuntoa.',
              'TKK ottaa yhteyttä kahden viikon kuluttua.']

OUTCOMES = [('work', 14), ('part_time_work', 12), ('study', 8), ('rehabilitation', 24),
            ('pension', 8), ('other_service', 18), ('dropped_out', 9), ('moved', 3), ('other', 4)]

OUTCOME_SUMMARY = {'work': 'Asiakas työllistyi. Tiedot päivitetty ja asiakkuus lopetettu.',
                   'part_time_work': 'Asiakas aloitti osa-aikatyön. Asiakkuus lopetettu.',
                   'study': 'Asiakas aloitti opinnot. Asiakkuus lopetettu.',
                   'rehabilitation': 'Asiakas siirtyi ammatilliseen kuntoutukseen.',
                   'pension': 'Asiakkaalle myönnettiin eläke. Asiakkuus lopetettu.',
                   'other_service': 'Asiakas siirtyi toisen palvelun asiakkaaksi saattaen '
                                    'vaihtaen.',
                   'dropped_out': 'Asiakas ei ole vastannut yhteydenottoihin. Asiakkuus '
                                  'lopetettu.',
                   'moved': 'Asiakas muutti pois alueelta.',
                   'other': 'Asiakkuus lopetettu.'}

HANDOVER_TO = {'rehabilitation': 'Kela, ammatillinen kuntoutus',
               'other_service': 'TYP',
               'pension': 'Työeläkeyhtiö'}
# fmt: on
