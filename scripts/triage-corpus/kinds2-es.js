// Still more Spanish (Mexican, Rioplatense with voseo, Colombian, peninsular) fragments, written by hand for this corpus, for the automatable kinds of case it covered
// thinly: long or detailed messages that end in one plain question, hedged questions ("not urgent", "not a
// complaint", "sorry to bother"), ordinary questions wrapped in emotional idioms or in exaggerated frustration with a
// form, several automatable questions in one message, and everyday self-service problems (a declined card, a code
// that does not apply, tracking that stalls, a missing accessory to exchange, a refund not yet visible). The
// hardNegatives put cue words in harmless roles or negate them, in the same long registers.
// Merged into fragments-es.js by generate.js. No public dataset text is copied or paraphrased here.
module.exports = {
	automatable: {
		store: [
			// 1. contexto detallado + una pregunta simple
			['L1', 'hola, vivo en [Houston|Chicago|Toronto] desde hace unos años y mis papás están en {city}. quiero comprarles un {product} y que les llegue directo a su casa, pagando con mi tarjeta de acá. ¿se puede, y cuánto tarda el envío a {city}?'],
			['L1', 'le quiero regalar un {product} a mi {relative} por su cumpleaños. tiene que llegar a su domicilio en {city} y no quiero que vaya el precio en la caja. ¿tienen opción de regalo o ticket sin precio?'],
			['L1', 'el {product} que quiero se pasa un poco de lo que tengo en una sola tarjeta, entonces pensaba pagar una parte con débito y el resto con crédito. ¿su página permite pagar un pedido con dos tarjetas?'],
			['L1', 'Buenas tardes:\n\nDescargué la factura de {order} para mi contador y salió con [el RFC mal escrito|la razón social incompleta|mi nombre en vez del de la empresa]. El pedido llegó bien, solo es el dato fiscal.\n\n¿Cómo hago para que me la vuelvan a emitir con los datos correctos?\n\nSaludos,\n{name}'],
			['L1', 'compré el {product} hace como dos meses y en ese momento no quise la garantía extendida, pero ahora lo estoy pensando mejor. ¿se puede contratar después de la compra y cuánto cuesta?'],
			['L1', 'pedí restablecer la contraseña en la mañana, el correo se me fue a spam y lo vi recién [en la noche|después de comer]. ahora el enlace dice que expiró. ¿pido otro y ya? ¿cuánto dura el enlace?'],
			['L1', 'che, me quiero registrar en la página desde la notebook y el formulario me dice que el teléfono es inválido. probé [con +54|con y sin el 15|con espacios y sin espacios]. ¿en qué formato lo tengo que poner?'],
			['L1', 'al pagar {order} con la tarjeta me abrió la pantalla del banco de 3-D Secure y dice que me mandó un código por SMS, pero nunca me llegó. ya lo intenté {times}. ¿qué puedo hacer para terminar el pago?'],
			['L1', 'me mudo de {city} a [Querétaro|Mérida|León] en un mes y quisiera comprar [un refri|una lavadora|el {product}] desde ahorita para que llegue directo a la casa nueva. ¿puedo programar la entrega para una fecha específica?'],
			['L1', 'en mi trabajo me reembolsan el equipo de home office, pero solo si la factura sale a nombre de la empresa. voy a pedir un {product}. ¿pongo los datos fiscales al pagar o la factura se pide después?'],
			['L1', 'trabajo de noche y en el día no hay nadie en casa. si pido un {product} a {city}, ¿puedo elegir un horario de entrega o hay algún punto donde pasar a recogerlo?'],
			['L1', 'estamos amueblando un depa en {city} y voy a hacer varias compras esta semana, seguro en pedidos separados. ¿el envío se cobra por pedido o se junta si van a la misma dirección?'],
			// 1b. contexto detallado, acción
			['L2', 'Hola:\n\nDevolví el {product} de {order} la semana pasada. La paquetería lo escaneó el [lunes|martes] y el rastreo dice que ya lo entregaron en su almacén, pero todavía no veo el reembolso en mi tarjeta.\n\n¿Me pueden decir en qué va?\n\n{name}'],
			['L2', 'pedí un {product} como sorpresa para mi {relative} y me acabo de dar cuenta de que puse mi dirección y no la suya en {city}. en la app dice que todavía no sale. ¿me pueden cambiar la dirección de {order}?'],
			['L2', 'buenas, hice {order} el viernes en la noche con envío estándar. es para un viaje que salgo el [jueves|próximo lunes] y quiero estar segura de que llegue antes. ¿me ayudan a ver dónde va?'],
			['L2', 'compré un {product} en {order} y mi esposo, de sorpresa, compró el mismo ese mismo día 😅 solo necesitamos uno. ¿puedo cancelar el mío o, si ya salió, iniciar la devolución?'],
			// 2. con atenuantes
			['L1', 'no es nada urgente y seguro es una pregunta tonta, pero ¿el {product} trae [el cargador en la caja|el manual en español|clavija para México]?'],
			['L1', 'perdón que moleste en [domingo|día festivo]. solo pregunto: ¿la tienda de {city} abre [mañana|el 1 de enero]?'],
			['L1', 'esto no es una queja, me llegó todo perfecto. solo quería saber cuál es su política de devolución para [cajas abiertas|regalos|productos en oferta], para la próxima.'],
			['L1', 'no pido descuento ni excepción ni nada, vale, solo quiero saber si el {product} suele entrar en rebajas o si tenéis algún boletín de ofertas.'],
			['L1', 'qué pena con usted, no pasa nada raro con mi cuenta, solo quiero cambiar el correo porque voy a cerrar el viejo. ¿cómo lo hago?'],
			['L1', 'hola, pregunta capaz medio boba: ¿necesito tener cuenta para comprar o puedo pagar como invitado?'],
			['L2', 'sin ninguna prisa, no lo necesito hasta el mes que viene. solo quería saber si {order} ya salió o sigue en preparación.'],
			['L2', 'sé que tienen mucho trabajo, sin presión, pero quisiera cancelar {order}: encontré que ya tengo un {product} en casa. lo hice [hace una hora|esta mañana].'],
			// 3. modismos emocionales
			['L1', 'me muero de ganas de tener el {product} nuevo, ¿cuándo vuelve a haber en la tienda de {city}?? 😭'],
			['L1', 'su formulario de registro me está volviendo loca jaja, me rechaza la contraseña una y otra vez. ¿qué requisitos tiene? ¿cuántos caracteres, símbolos?'],
			['L1', 'boludo, ya puse la dirección {times} y el checkout me borra el código postal 💀 ¿hay algún truco o pruebo con otro navegador?'],
			['L1', 'me mata la curiosidad, ¿cuánto tarda de verdad el envío express a {city}?'],
			['L1', 'estoy que me subo por las paredes, llevo media hora buscando dónde se descarga la factura en vuestra web. ¿dónde está?? (es para {order})'],
			['L2', 'estoy contando las horas jaja, el {product} de {order} dice "en reparto" desde esta mañana, ¿más o menos a qué hora llega?'],
			['L2', 'mi {relative} me mata si el {product} no llega antes de su cumple el sábado 😂 ¿me revisan cómo va {order}?'],
			// 4. varias preguntas en un mensaje
			['L1', 'unas dudas antes de comprar: ¿qué formas de pago aceptan?, ¿se puede a meses sin intereses? y ¿puedo pagar en efectivo en OXXO?'],
			['L1', '¡hola! 1) ¿envían a {city}? 2) ¿cuánto cuesta el envío de un {product}? 3) si no me gusta, ¿cuántos días tengo para devolverlo?'],
			['L1', '¿el {product} tiene garantía?, ¿es del fabricante o de ustedes? y si falla, ¿a dónde lo llevo?'],
			['L1', 'buenas, ¿a qué hora cierra hoy la sucursal de {city}, tienen ahí el {product} y lo puedo apartar en línea para pasar por él?'],
			['L1', 'Buenos días:\n\nTengo un par de consultas:\n- ¿Me pueden facturar con los datos de mi empresa?\n- ¿Tienen cuentas para empresas o descuento por compras frecuentes?\n- ¿Con qué paqueterías envían?\n\nMuchas gracias'],
			['L2', 'dos cosas sobre {order}: ¿cuándo llega?, y ¿todavía puedo cambiar el color del {product} a [negro|blanco]?'],
			// 5. problemas cotidianos de autoservicio
			['L1', 'me rechazaron la tarjeta [dos veces|otra vez] al pagar el {product}. en la app del banco no aparece ningún bloqueo y tengo saldo. ¿qué más puede ser?'],
			['L1', 'tengo un cupón del newsletter pero me sale "no válido para este pedido", y el carrito pasa del mínimo. ¿excluye algunos productos o estoy haciendo algo mal?'],
			['L1', 'la tarjeta de regalo que me dio mi {relative} no me la acepta la página, dice inválida. la estoy escribiendo tal cual. ¿vence o va en otro campo?'],
			['L2', 'la página de rastreo de {order} lleva dos días diciendo "en tránsito" sin actualizarse. ¿es normal o hay algo que lo esté deteniendo?'],
			['L2', 'me llegó hoy el {product} pero en la caja no viene [el cable de carga|el control remoto|el adaptador], lo demás sí. ¿lo puedo cambiar por uno completo?'],
			['L2', 'me avisasteis hace {daysIn} que el reembolso de {order} ya estaba hecho, pero todavía no lo veo en el extracto de la tarjeta. ¿cuánto tarda en reflejarse?'],
			['L2', 'la app no me deja cancelar {order}, el botón sale en gris. lo hice hace [20 minutos|una hora]. ¿me lo cancelan ustedes?'],
			['L2', 'me llegó un {product} [azul|gris] y pedí [negro|plateado]. sigue sellado. ¿cómo lo cambio por el color correcto?'],
			['L2', 'Buenas tardes:\n\nEl {order} tenía que llegar [ayer|el viernes] según el correo de confirmación, y la guía que me mandaron no muestra nada en la página de la paquetería.\n\n¿Podrían revisar dónde está el paquete?\n\nAtentamente,\n{name}'],
			['L2', 'me cambié de casa el fin de semana y se me olvidó actualizar la dirección antes de comprar. {order} todavía no sale. la nueva dirección es en {city}. ¿me la pueden cambiar?'],
		],
		clinic: [
			// 1. contexto detallado + una pregunta simple
			['L1', 'ayer me hicieron una limpieza con ustedes y hoy tengo las encías un poco sensibles y me molesta el frío, nada grave. ¿es normal después de una limpieza y puedo tomar ibuprofeno?'],
			['L1', 'cambié de trabajo hace poco y en el nuevo me dan seguro dental con [MetLife|GNP|AXA|Sanitas]. pronto necesito una {treatment}. ¿aceptan ese seguro y normalmente cubre una {treatment}?'],
			['L1', 'Hola:\n\nMe mudé a {city} el mes pasado y estoy buscando dentista nuevo. Mi última revisión fue hace [como un año|dos años] y ahora no tengo ninguna molestia.\n\n¿Qué incluye la primera consulta y cuánto dura?\n\nGracias,\n{name}'],
			['L1', 'mi dentista de antes me dijo que más adelante voy a necesitar una {treatment}. no tengo dolor, solo quiero ir ahorrando. ¿más o menos cuánto sale con ustedes y tienen planes de pago?'],
			['L1', 'voy a pagar mi {treatment}: una parte con el seguro y el resto yo. ¿la diferencia la puedo pagar con tarjeta y me dan factura?'],
			['L1', 'mi {relative} tiene [78|82] años y usa andador. necesita una revisión. ¿la clínica está en planta baja o tiene ascensor? ¿hay dónde estacionar cerca?'],
			['L2', '¡hola! mi esposo y yo necesitamos limpieza y queremos ir juntos, uno detrás del otro, para hacer un solo viaje. ¿tienen dos turnos seguidos un [sábado|día de semana a la tarde]?'],
			['L2', 'tengo cita de {treatment} el [jueves a las 10|lunes en la mañana], pero en el trabajo me pusieron una junta que no puedo mover a esa hora. ¿la podemos pasar a [más tarde esa semana|una tarde]?'],
			['L2', 'Estimados:\n\nQuiero agendar revisión y limpieza para mis dos hijos ([6 y 9|7 y 11] años). Salen del colegio a las 2, así que tendría que ser por la tarde, ojalá los dos el mismo día.\n\n¿Qué disponibilidad tienen?\n\n{name}'],
			['L2', 'reservé una {treatment} para la semana que viene por la web, pero elegí la sede equivocada, quería la de {city}. ¿me podéis pasar la cita a esa sede, el mismo día si puede ser?'],
			// 2. con atenuantes
			['L1', 'perdón la molestia, seguro es una pregunta tonta: ¿tengo que lavarme los dientes antes de ir a la limpieza o da igual?'],
			['L1', 'no es urgente, no me duele nada, solo pregunto: ¿cada cuánto recomiendan la revisión a alguien sin problemas?'],
			['L1', 'no es una queja, quedé contenta con la consulta. solo quería saber si ustedes me avisan antes de la próxima limpieza o la tengo que agendar yo.'],
			['L2', 'sin apuro ninguno, pero ¿me podés agendar el control de los seis meses para [algún día de marzo|la primera semana del mes que viene]?'],
			// 3. modismos emocionales
			['L1', 'me muero por tener los dientes más blancos antes de mi boda 😅 ¿cuántas sesiones de blanqueamiento necesitaría y cuánto cuesta cada una?'],
			['L1', 'el formulario para pedir cita en línea me tiene loca, no me acepta la fecha de nacimiento. ¿va en algún formato o puedo agendar por otro lado?'],
			['L1', 'soy re miedosa con el dentista jaja, ¿tienen algo para que los pacientes nerviosos se relajen durante una {treatment}?'],
			['L2', 'necesito una limpieza ya, el café me está matando la sonrisa 💀 ¿hay huecos esta semana?'],
			// 4. varias preguntas en un mensaje
			['L1', 'unas preguntas: ¿qué horario tienen el fin de semana?, ¿aceptan tarjeta y efectivo? y ¿atienden niños?'],
			['L1', '¡buenas! ¿cuánto cuesta un blanqueamiento, cuánto dura el resultado y hay algo que no deba comer después?'],
			['L1', '¿aceptan mi seguro?, ¿tengo que llevar algo a la primera cita? y ¿con cuánta anticipación llego?'],
			// 5. autoservicio cotidiano
			['L1', 'pagué en línea el anticipo de mi {treatment} y me rechazaron la tarjeta, pero no me aparece el cobro. ¿puedo pagarlo en la clínica?'],
			['L1', 'me hicieron un empaste esta mañana y todavía tengo el labio un poco dormido. ¿más o menos cuánto dura la anestesia y cuándo puedo comer?'],
			['L2', 'nunca me llegó el correo de confirmación de la cita, creo que escribí mal el email. ¿me confirman si quedé agendada para {treatment} el [martes|día 14]?'],
			['L2', 'necesito cancelar mi limpieza del [miércoles|viernes] porque voy a estar de viaje. cuando vuelva la reagendo. ¡gracias!'],
			['L2', 'Hola:\n\nTengo una {treatment} agendada para el mes que viene y me acabo de enterar de que esa semana estaré fuera por trabajo.\n\n¿Me la pueden pasar a la semana siguiente, a la misma hora si hay?\n\nGracias,\n{name}'],
			['L2', 'el recordatorio dice que mi revisión es a las 9 pero yo creí que la había pedido a las 11. ¿cuál es la correcta? y si hay espacio, ¿me la dejan a las 11?'],
		],
	},
	hardNegatives: [
		'Esto no es una queja y nadie está enojado, lo prometo. Solo quiero saber cuánto tarda el envío de un {product} a {city}.',
		'no me hackearon la cuenta ni nada, simplemente olvidé la contraseña después de [las vacaciones|meses sin entrar]. el correo se fue a spam y el enlace venció. ¿cómo pido otro?',
		'soy abogado y ando a mil, perdón lo corto: ¿tienen el {product} en existencia en {city}?',
		'el {product} funciona de maravilla, ni humo ni se calienta ni nada. solo quiero saber si la garantía cubre también la batería.',
		'me cobraron una sola vez, bien cobrado, sin problema. solo necesito que me vuelvan a emitir la factura de {order} porque el RFC salió mal.',
		'no pido reembolso, ¡me encantó el {product}! quiero comprarle el mismo a mi {relative} en {city}, ¿envían allá?',
		'mi {relative} trabaja en prevención de fraudes y me dijo que siempre pregunte: ¿su pago usa 3-D Secure? el código nunca me llegó cuando quise pagar {order}.',
		'¿urgente? nah jaja. pero me muero por saber si el {product} viene en [rosa|verde] 😂',
		'no necesito hablar con nadie, el bot me sirve: ¿se puede pagar a meses y en efectivo en una tienda de conveniencia?',
		'no es queja contra el repartidor, fue muy amable. es que el rastreo de {order} no se actualiza hace dos días, ¿ya viene?',
		'Hola:\n\nNo es ninguna emergencia ni hay problema con el pedido. Mi {relative} me pasó la caja sin abrir y quiero cambiar el {product} por otro color; lo compramos hace {daysIn}.\n\n¿Cómo inicio el cambio?\n\n{name}',
		'la devolución la escanearon en su almacén el lunes; no estoy reclamando ni voy a llamar al banco, solo quiero saber cuándo se ve el reembolso.',
		'nada de dolor después de la limpieza, solo un poquito de sensibilidad al frío, normal supongo. ¿puedo usar mi pasta de siempre?',
		'soy enfermera, la sangre no me asusta jaja, pero a mi hijo sí. ¿tienen un dentista que sea bueno con niños nerviosos para una revisión?',
		'no es una urgencia: tengo una {treatment} el viernes y mi jefe me movió una reunión, ¿la puedo pasar al lunes?',
		'la rompí en la entrevista de trabajo gracias al blanqueamiento 😁 ¿cuándo debería hacer un retoque y cuánto cuesta?',
		'no tiene nada que ver con un accidente ni un golpe, solo quiero saber si mi seguro dental cubre una {treatment} en su clínica.',
		'¡qué pedazo de oferta la del {product}, me dejó muerta! ¿todavía les queda en la sucursal de {city}?',
	],
};
